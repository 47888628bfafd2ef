/// One raw value of a deal as read from a file, with the column to blame when it is wrong.
struct RawField {
    var bytes: UnsafeBufferPointer<UInt8>
    var column: Int

    var isEmpty: Bool { bytes.isEmpty }
}

/// The fields of one deal before checking, from a CSV row or an XML `<deal>` element.
struct RawDeal {
    var line: Int
    var id: RawField
    var closeDate: RawField
    var amount: RawField
    var currency: RawField
    var type: RawField
    var product: RawField?
    var status: RawField?
    var cancelDate: RawField?
    var createdDate: RawField?
}

/// The rules every deal must follow (§2.2 and §7), shared by the CSV and XML readers.
/// Each broken rule is logged with the file, line and column; a deal with any problem is dropped.
struct DealRules {
    let file: String
    let log: DiagnosticLog
    /// Ids of everyone in any plan: a rep outside this set is an error (§3.1); nil when the
    /// plans are broken and the set cannot be trusted.
    let participantIDs: Set<String>?

    /// The largest amount accepted: 15 integer digits keep every product exact in 128 bits.
    static let maxAmountIntegerDigits = 15
    /// Longest id, type, product or rep id, in bytes.
    static let maxTokenBytes = 200
    /// The most reps one deal may be split between (docs/RELIABILITY.md): a record of 1 MiB could
    /// otherwise name 100 000 of them, and checking them for repeats would take hours.
    static let maxSplits = 100

    /// Checks the fields and splits; returns the deal, or nil after logging every problem.
    func deal(_ raw: RawDeal, splits: [Deal.Split]?) -> Deal? {
        var ok = splits != nil
        func problem(_ field: RawField, _ message: String) {
            ok = false
            log.error(file: file, line: raw.line, column: field.column, message)
        }

        let id = token(raw.id, name: "deal_id", problem: problem)
        let closeDate = date(raw.closeDate, name: "close_date", problem: problem)
        var amount = ExactDecimal.zero
        switch ExactDecimal.parse(raw.amount.bytes, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits) {
        case .success(let value):
            amount = value
            if value.isZero { problem(raw.amount, "amount must be greater than 0") }
        case .failure(let failure):
            problem(raw.amount, "amount '\(raw.amount.bytes.string)' \(failure.explanation)")
        }
        let currency = Currency(code: raw.currency.bytes.string)
        if currency == nil {
            problem(raw.currency, raw.currency.isEmpty ? "currency is required"
                    : "unknown currency '\(raw.currency.bytes.string)' (not an ISO 4217 code)")
        }
        let type = token(raw.type, name: "type", problem: problem)
        var product = ""
        if let field = raw.product, !field.isEmpty { product = token(field, name: "product", problem: problem) ?? "" }

        var status = Deal.Status.won
        if let field = raw.status, !field.isEmpty {
            if let parsed = Deal.Status(rawValue: field.bytes.string) {
                status = parsed
            } else {
                problem(field, "status '\(field.bytes.string)' must be 'won' or 'cancelled'")
            }
        }
        var cancelDate: CalendarDate?
        if let field = raw.cancelDate, !field.isEmpty {
            cancelDate = date(field, name: "cancel_date", problem: problem)
            if status == .won {
                problem(field, "a won deal has no cancel_date (set status to 'cancelled' or clear cancel_date)")
            } else if let cancelDate, let closeDate, cancelDate < closeDate {
                problem(field, "cancel_date \(cancelDate) is before close_date \(closeDate)")
            }
        } else if status == .cancelled {
            problem(raw.status ?? raw.id, "a cancelled deal needs a cancel_date")
        }
        var createdDate: CalendarDate?
        if let field = raw.createdDate, !field.isEmpty {
            createdDate = date(field, name: "created_date", problem: problem)
        }

        guard ok, let id, let closeDate, let currency, let type, let splits else { return nil }
        return Deal(id: id, closeDate: closeDate, amount: amount, currency: currency, type: type, product: product,
                    splits: splits, status: status, cancelDate: cancelDate, createdDate: createdDate,
                    source: SourceLocation(file: file, line: raw.line, column: 0))
    }

    /// Parses CSV `reps`: `R001`, or splits `R001:60;R002:40`.
    func splits(fromReps field: RawField, line: Int) -> [Deal.Split]? {
        guard !field.isEmpty else {
            log.error(file: file, line: line, column: field.column, "reps is required (a rep id, or splits like R001:60;R002:40)")
            return nil
        }
        let parts = field.bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        var shares: [(rep: RawField, percent: RawField?)] = []
        for part in parts {
            let buffer = UnsafeBufferPointer(rebasing: part)
            if let colon = buffer.firstIndex(of: UInt8(ascii: ":")) {
                let rep = UnsafeBufferPointer(rebasing: buffer[buffer.startIndex..<colon])
                let percent = UnsafeBufferPointer(rebasing: buffer[(colon + 1)...])
                shares.append((RawField(bytes: rep, column: field.column), RawField(bytes: percent, column: field.column)))
            } else {
                shares.append((RawField(bytes: buffer, column: field.column), nil))
            }
        }
        return splits(shares, line: line, column: field.column)
    }

    /// Checks a deal's shares: known, distinct reps; percents > 0 with at most 2 decimals, summing to
    /// exactly 100; a percent may be left out only when there is a single rep (it is then 100).
    func splits(_ shares: [(rep: RawField, percent: RawField?)], line: Int, column: Int) -> [Deal.Split]? {
        var ok = true
        func problem(_ column: Int, _ message: String) {
            ok = false
            log.error(file: file, line: line, column: column, message)
        }
        guard !shares.isEmpty else {
            problem(column, "a deal needs at least one rep")
            return nil
        }
        guard shares.count <= DealRules.maxSplits else {
            problem(column, "a deal is split between \(shares.count) reps, more than the \(DealRules.maxSplits) comp accepts")
            return nil
        }
        var result: [Deal.Split] = []
        var total = ExactDecimal.zero
        for share in shares {
            guard let rep = token(share.rep, name: "rep id", problem: { problem($0.column, $1) }) else { continue }
            if result.contains(where: { $0.repID == rep }) {
                problem(share.rep.column, "rep '\(rep)' appears twice in one deal")
            } else if let participantIDs, !participantIDs.contains(rep) {
                problem(share.rep.column, "rep '\(rep)' is not a participant of any plan")
            }
            var percent = ExactDecimal(100)
            if let field = share.percent {
                switch ExactDecimal.parse(field.bytes, maxDecimals: 2, maxIntegerDigits: 3) {
                case .success(let value):
                    percent = value
                    if value.isZero { problem(field.column, "rep '\(rep)' has a split percent of 0") }
                case .failure(let failure):
                    problem(field.column, "split percent '\(field.bytes.string)' for rep '\(rep)' \(failure.explanation)")
                }
            } else if shares.count > 1 {
                problem(share.rep.column, "rep '\(rep)' needs a percent: write splits like R001:60;R002:40")
            }
            total += percent
            result.append(Deal.Split(repID: rep, percent: percent))
        }
        if ok && total != ExactDecimal(100) {
            problem(column, "split percents add up to \(total), not exactly 100")
        }
        return ok ? result : nil
    }

    private func token(_ field: RawField, name: String, problem: (RawField, String) -> Void) -> String? {
        if let message = DealRules.tokenProblem(field.bytes, name: name) {
            problem(field, message)
            return nil
        }
        return field.bytes.string
    }

    /// Why bytes cannot be an id or a token of deals.csv — empty, longer than `maxTokenBytes`, not
    /// UTF-8, holding a space (unless `spaces`) — or nil when they can.
    static func tokenProblem(_ bytes: UnsafeBufferPointer<UInt8>, name: String, spaces: Bool = false) -> String? {
        if bytes.isEmpty { return "\(name) is required" }
        if bytes.count > maxTokenBytes { return "\(name) is longer than \(maxTokenBytes) bytes" }
        // ASCII is UTF-8: most ids are checked without making a string.
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil { return "\(name) is not valid UTF-8" }
        if !spaces && bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return "\(name) '\(bytes.string)' must not contain spaces"
        }
        return nil
    }

    private func date(_ field: RawField, name: String, problem: (RawField, String) -> Void) -> CalendarDate? {
        guard !field.isEmpty else {
            problem(field, "\(name) is required")
            return nil
        }
        guard let date = CalendarDate(parsing: field.bytes) else {
            problem(field, "\(name) '\(field.bytes.string)' is not a date YYYY-MM-DD")
            return nil
        }
        return date
    }
}
