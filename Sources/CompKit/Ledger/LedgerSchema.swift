import GRDB

/// The ledger's tables, their migrations, and the statements that close a period.
enum LedgerSchema {
    /// Schema versions, oldest first; a file with a migration not listed here is from a newer comp.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-closed-periods-and-payments") { db in
            try db.execute(sql: "PRAGMA application_id = \(PaymentLedger.applicationID)")
            try db.execute(sql: """
                CREATE TABLE closed_period (
                    period TEXT PRIMARY KEY NOT NULL,      -- YYYY-MM
                    closed_at TEXT NOT NULL,               -- ISO 8601, UTC
                    manifest TEXT NOT NULL,                -- the closing run's manifest.json
                    manifest_sha256 TEXT NOT NULL
                ) STRICT;
                CREATE TABLE payment (
                    period TEXT NOT NULL REFERENCES closed_period(period),
                    employee_id TEXT NOT NULL,
                    pay_type TEXT NOT NULL,                -- BASE, COMMISSION, …
                    component TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    amount TEXT NOT NULL,                  -- exact decimal, e.g. -12.50
                    PRIMARY KEY (period, employee_id, pay_type, component, currency)
                ) STRICT;
                """)
        }
        return migrator
    }

    /// Refuses a file that is not a comp ledger or that a newer comp wrote, then migrates.
    static func prepare(_ queue: DatabaseQueue, path: String) throws {
        try queue.read { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let objectCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
            guard applicationID == PaymentLedger.applicationID || (applicationID == 0 && objectCount == 0) else {
                throw CompError.ledger(.otherApplication(path: path))
            }
            if try migrator.hasBeenSuperseded(db) {
                throw CompError.ledger(.newerVersion(path: path))
            }
        }
        try migrator.migrate(queue)
    }

    /// The body of `PaymentLedger.close`, inside its immediate transaction.
    static func close(_ db: Database, period: YearMonth, payments: [PayKey: ExactDecimal], previous: YearMonth?,
                      manifest: [UInt8], closedAt: String) throws -> PaymentLedger.CloseOutcome {
        let wanted = payments.filter { !$0.value.isZero }
        let isClosed = try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM closed_period WHERE period = ?",
                                         arguments: [period.description]) ?? false
        if isClosed {
            var recorded: [PayKey: ExactDecimal] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT period, employee_id, pay_type, component, currency, amount FROM payment WHERE period = ?",
                                        arguments: [period.description]) {
                if let payment = payment(row) { recorded[payment.key] = payment.amount }
            }
            guard recorded == wanted else {
                throw CompError.ledgerConflict(period: period, differences: differences(recorded: recorded, now: wanted))
            }
            return .alreadyClosed
        }
        if let previous {
            let previousClosed = try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM closed_period WHERE period = ?",
                                                   arguments: [previous.description]) ?? false
            guard previousClosed else {
                throw CompError.ledger(.outOfOrder(open: previous, closing: period))
            }
        }
        try db.execute(sql: "INSERT INTO closed_period (period, closed_at, manifest, manifest_sha256) VALUES (?, ?, ?, ?)",
                       arguments: [period.description, closedAt, String(decoding: manifest, as: UTF8.self), Manifest.sha256(manifest)])
        for (index, (key, amount)) in wanted.sorted(by: { $0.key < $1.key }).enumerated() {
            try db.execute(sql: """
                INSERT INTO payment (period, employee_id, pay_type, component, currency, amount) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [period.description, key.employeeID, key.payType.label, key.component, key.currency.code,
                                 key.currency.format(amount)])
            FaultInjection.checkpoint("ledger-close", step: index + 1)
        }
        return .closed(rows: wanted.count)
    }

    /// A payment row, or nil when a field does not read back (never written by comp).
    static func payment(_ row: Row) -> PaymentLedger.Payment? {
        guard let period = YearMonth(parsing: row["period"]),
              let payType = PayType(label: row["pay_type"]),
              let currency = Currency(code: row["currency"]),
              let amount = ExactDecimal.parseSigned(row["amount"], maxDecimals: 6) else { return nil }
        let key = PayKey(employeeID: row["employee_id"], payType: payType, component: row["component"], currency: currency)
        return PaymentLedger.Payment(period: period, key: key, amount: amount)
    }

    /// One line per amount that differs, e.g. `R001 COMMISSION new-business USD: ledger 100.00, now 120.00`.
    private static func differences(recorded: [PayKey: ExactDecimal], now: [PayKey: ExactDecimal]) -> [String] {
        Set(recorded.keys).union(now.keys).sorted().compactMap { key in
            let before = recorded[key] ?? .zero
            let after = now[key] ?? .zero
            guard before != after else { return nil }
            let component = key.component.isEmpty ? "" : " \(key.component)"
            return "\(key.employeeID) \(key.payType.label)\(component) \(key.currency.code): ledger \(key.currency.format(before)), now \(key.currency.format(after))"
        }
    }

    /// A database error without the bound values (pay data stays out of messages).
    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return String(describing: error)
    }
}
