import Foundation
import GRDB

/// The payment ledger (§3.10): what each closed period paid, per employee, pay type,
/// component and currency, in an SQLite file. Closed periods are never rewritten.
///
/// The file is recognised by its SQLite `application_id`; a file that is not a comp ledger, or
/// that a newer comp has upgraded, is refused before anything is written to it.
public final class PaymentLedger {
    /// One amount paid in a closed period.
    public struct Payment: Sendable, Hashable {
        public var period: YearMonth
        public var key: PayKey
        public var amount: ExactDecimal
    }

    /// A closed period as `comp history` lists it.
    public struct ClosedPeriod: Sendable {
        public var period: YearMonth
        public var closedAt: String
        public var rowCount: Int
        /// Total paid per currency code.
        public var totals: [String: ExactDecimal]
        /// SHA-256 of the closing run's manifest (which holds every input's checksum).
        public var manifestSHA256: String
    }

    /// What `close` did.
    public enum CloseOutcome: Sendable {
        case closed(rows: Int)
        /// The period was closed before with exactly these numbers: nothing changed.
        case alreadyClosed
    }

    /// "comp" in ASCII: marks an SQLite file as a comp ledger.
    static let applicationID: Int32 = 0x636F_6D70

    private let queue: DatabaseQueue
    public let path: String

    private init(queue: DatabaseQueue, path: String) {
        self.queue = queue
        self.path = path
    }

    /// Opens the ledger at `path` to read what was paid; nil when there is no file (nothing paid yet).
    public static func openIfPresent(path: String) throws -> PaymentLedger? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try open(path: path, create: false)
    }

    /// Opens the ledger at `path`, creating it (and its folder) when missing, and brings its schema
    /// up to date. Throws `CompError.ledger` for a file that is not a comp ledger or is newer.
    public static func open(path: String, create: Bool = true) throws -> PaymentLedger {
        let folder = (path as NSString).deletingLastPathComponent
        if create && !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        // A second `comp close` waits for the first to finish, then sees its result.
        configuration.busyMode = .timeout(30)
        configuration.label = "comp ledger"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try LedgerSchema.prepare(queue, path: path)
            return PaymentLedger(queue: queue, path: path)
        } catch let error as CompError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw CompError.ledger(.notSQLite(path: path))
        } catch {
            throw CompError.ledger(.cannotOpen(path: path, reason: LedgerSchema.describe(error)))
        }
    }

    /// Every payment of closed periods from `first` through `last`.
    public func payments(from first: YearMonth, through last: YearMonth) throws -> [Payment] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT period, employee_id, pay_type, component, currency, amount FROM payment
                WHERE period >= ? AND period <= ? ORDER BY period, employee_id, pay_type, component, currency
                """, arguments: [first.description, last.description]).compactMap(LedgerSchema.payment)
        }
    }

    /// Whether a period is closed.
    public func isClosed(_ period: YearMonth) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM closed_period WHERE period = ?", arguments: [period.description]) ?? false
        }
    }

    /// The closed periods, oldest first, with their totals.
    public func closedPeriods() throws -> [ClosedPeriod] {
        try read { db in
            let periods = try Row.fetchAll(db, sql: "SELECT period, closed_at, manifest_sha256 FROM closed_period ORDER BY period")
            return try periods.compactMap { row -> ClosedPeriod? in
                guard let period = YearMonth(parsing: row["period"]) else { return nil }
                let payments = try Row.fetchAll(db, sql: "SELECT period, employee_id, pay_type, component, currency, amount FROM payment WHERE period = ?",
                                                arguments: [period.description]).compactMap(LedgerSchema.payment)
                var totals: [String: ExactDecimal] = [:]
                for payment in payments { totals[payment.key.currency.code, default: .zero] += payment.amount }
                return ClosedPeriod(period: period, closedAt: row["closed_at"], rowCount: payments.count,
                                    totals: totals, manifestSHA256: row["manifest_sha256"])
            }
        }
    }

    /// Records `payments` as what `period` paid, in one transaction. Closing again with the same
    /// numbers changes nothing; with other numbers it fails and lists the differences. When
    /// `previous` is given, it must be closed already (periods close in order).
    public func close(_ period: YearMonth, payments: [PayKey: ExactDecimal], previous: YearMonth?,
                      manifest: [UInt8], closedAt: String) throws -> CloseOutcome {
        do {
            var outcome = CloseOutcome.alreadyClosed
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    outcome = try LedgerSchema.close(db, period: period, payments: payments, previous: previous,
                                                     manifest: manifest, closedAt: closedAt)
                    return .commit
                }
            }
            return outcome
        } catch let error as CompError {
            throw error
        } catch {
            throw CompError.ledger(.closeFailed(path: path, period: period, reason: LedgerSchema.describe(error)))
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw CompError.ledger(.cannotRead(path: path, reason: LedgerSchema.describe(error)))
        }
    }
}
