/// The rows of a CRM export as `comp import` turns them into deals.csv and pipeline.csv rows
/// (§8.1), checked field by field: every problem is logged at its line and column.
///
/// A won deal's row is made from the field bytes straight into a reused line, without a string
/// per field: an export has millions of rows, and this is where an import spends its time.
struct ExportRows {
    enum Kind {
        case won, open, lost, invalid
    }

    let table: CSVTable
    let columns: ExportColumns
    let options: CRMImport.Options
    let log: DiagnosticLog
    var summary = CRMImport.Summary()
    private var values: CRMValue
    /// The splits export, with its opportunity ids numbered for look-ups from bytes.
    private let splits: OpportunitySplits?
    private let splitIDs: ByteKeyTable
    private let splitShares: [[OpportunitySplits.Share]]
    /// people.csv's ids of the CRM, numbered, and the participant each stands for.
    private let ownerIDs: ByteKeyTable
    private let ownerParticipants: [String]
    /// Why each of those participant ids cannot stand in deals.csv's reps, or nil (checked once).
    private let ownerProblems: [String?]
    /// Owner ids people.csv does not know: how many rows name them, and where first.
    private var unknownOwners: [String: (rows: Int, first: SourceLocation)] = [:]
    /// A fingerprint of the id of every won or open row, to find an id given twice without keeping every id.
    private var idFingerprints: [UInt64] = []
    /// The last currency read, and its code's bytes: most exports hold few currencies.
    private var lastCurrency: (code: [UInt8], currency: Currency)?
    /// The line being made.
    private var line = CSVWriter()

    init(table: CSVTable, columns: ExportColumns, options: CRMImport.Options, splits: OpportunitySplits?, log: DiagnosticLog) {
        self.table = table
        self.columns = columns
        self.options = options
        self.log = log
        values = CRMValue(zone: options.timeZone)
        self.splits = splits
        let opportunities = splits.map { $0.shares.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } } ?? []
        splitIDs = ByteKeyTable(opportunities.map(\.key))
        splitShares = opportunities.map(\.value)
        let owners = options.people?.participants(system: options.system.rawValue) ?? []
        ownerIDs = ByteKeyTable(owners.map(\.externalID))
        ownerParticipants = owners.map(\.participant)
        ownerProblems = owners.map { owner in
            var participant = owner.participant
            return participant.withUTF8(ExportRows.repIDProblem)
        }
    }

    /// Why bytes cannot be a rep id of deals.csv's reps column — a token without `:` or `;` — or nil.
    private static func repIDProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        DealRules.tokenProblem(bytes, name: "rep id")
            ?? (bytes.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") } ? "rep id '\(bytes.string)' must not contain ':' or ';'" : nil)
    }

    private func problem(_ column: Int, _ message: String) {
        log.error(file: table.path, line: table.line, column: column + 1, message)
    }

    private func field(_ column: Int) -> UnsafeBufferPointer<UInt8> { table.field(column) }

    /// Whether the current row is a won deal, an open opportunity or a lost one.
    func classify() -> Kind {
        switch options.system {
        case .salesforce:
            guard let won = flag(columns.isWon!, title: "IsWon") else { return .invalid }
            if won { return .won }
            if let isClosed = columns.isClosed {
                guard let closed = flag(isClosed, title: "IsClosed") else { return .invalid }
                return closed ? .lost : .open
            }
            return field(columns.stage).string.lowercased().hasPrefix("closed") ? .lost : .open
        case .hubspot:
            let stage = field(columns.stage).string
            if CRMSystem.hubSpotWonStages.contains(stage) || options.wonStages.contains(stage) { return .won }
            if CRMSystem.hubSpotLostStages.contains(stage) { return .lost }
            if let isClosed = columns.isClosed, flag(isClosed, title: "closed flag") == true { return .lost }
            return .open
        }
    }

    private func flag(_ column: Int, title: String) -> Bool? {
        guard let value = CRMValue.flag(field(column)) else {
            problem(column, "\(title) '\(field(column).string)' is neither true nor false")
            return nil
        }
        return value
    }

    // MARK: - Fields

    /// Whether a required field is an id deals.csv can hold (or, with `spaces`, any short text);
    /// logs why not.
    private func isValid(_ column: Int, title: String, spaces: Bool = false) -> Bool {
        guard let message = DealRules.tokenProblem(field(column), name: title, spaces: spaces) else { return true }
        problem(column, message)
        return false
    }

    /// A date or timestamp, as its calendar date in the time zone; nil (and logged) when required
    /// and missing or not a date; `.some(nil)` when optional and empty.
    private mutating func date(_ column: Int, title: String, required: Bool) -> CalendarDate?? {
        let bytes = field(column)
        if bytes.isEmpty && !required { return .some(nil) }
        guard let date = values.date(bytes) else {
            problem(column, bytes.isEmpty ? "\(title) is required"
                    : "\(title) '\(bytes.string)' is neither a date YYYY-MM-DD nor a timestamp such as 2026-03-31T18:02:11Z")
            return nil
        }
        return .some(date)
    }

    /// The amount; 0 when empty. A negative or malformed amount is logged.
    private func amount() -> ExactDecimal? {
        let bytes = field(columns.amount)
        if bytes.isEmpty { return .zero }
        switch ExactDecimal.parse(bytes, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits) {
        case .success(let value):
            return value
        case .failure(let failure):
            problem(columns.amount, "\(options.system.amount.title) '\(bytes.string)' \(failure.explanation)")
            return nil
        }
    }

    private mutating func currency() -> Currency? {
        guard let column = columns.currency, !field(column).isEmpty else {
            if let currency = options.currency { return currency }
            problem(columns.currency ?? columns.amount, "the currency is required (or give --currency)")
            return nil
        }
        let bytes = field(column)
        if let last = lastCurrency, last.code.elementsEqual(bytes) { return last.currency }
        guard let currency = Currency(code: bytes.string) else {
            problem(column, "unknown currency '\(bytes.string)' (not an ISO 4217 code)")
            return nil
        }
        lastCurrency = (Array(bytes), currency)
        return currency
    }

    // MARK: - Owners and splits

    /// The reps of the current row and their percents: its opportunity's splits, else 100 % to its
    /// owner, each owner made a participant id through people.csv. nil (and logged) on a problem.
    private mutating func reps() -> [(rep: String, percent: ExactDecimal)]? {
        let opportunity = splitIDs.count == 0 ? -1 : Int(splitIDs.lookup(field(columns.id)))
        if opportunity >= 0 {
            let shares = splitShares[opportunity]
            let id = field(columns.id).string
            let total = shares.reduce(ExactDecimal.zero) { $0 + $1.percent }
            guard shares.count <= DealRules.maxSplits else {
                problem(columns.id, "\(id) is split between \(shares.count) reps, more than the \(DealRules.maxSplits) comp accepts")
                return nil
            }
            guard total == ExactDecimal(100) else {
                problem(columns.id, "the splits of \(id) add up to \(total) %, not 100 % (\(splits!.path) line\(shares.count > 1 ? "s" : "") "
                        + shares.map { String($0.line) }.joined(separator: ", ") + ")")
                return nil
            }
            var reps: [(rep: String, percent: ExactDecimal)] = []
            for share in shares {
                var owner = share.owner
                let location = SourceLocation(file: splits!.path, line: share.line, column: 0)
                guard let rep = owner.withUTF8({ self.participant($0, at: location) }) else { return nil }
                if reps.contains(where: { $0.rep == rep }) {
                    problem(columns.id, "\(rep) has two splits of \(id)")
                    return nil
                }
                reps.append((rep, share.percent))
            }
            return reps
        }
        guard isValid(columns.owner, title: options.system.owner.title, spaces: true),
              let participant = participant(field(columns.owner), at: SourceLocation(file: table.path, line: table.line, column: columns.owner + 1))
        else { return nil }
        return [(participant, ExactDecimal(100))]
    }

    /// The participant an owner id stands for: the id itself without people.csv. It must be a rep id
    /// deals.csv can hold: a token without `:` or `;`.
    private mutating func participant(_ owner: UnsafeBufferPointer<UInt8>, at location: SourceLocation) -> String? {
        guard options.people != nil else {
            if let message = ExportRows.repIDProblem(owner) {
                log.error(location, message + " (map owners to participant ids with --people)")
                return nil
            }
            return owner.string
        }
        let number = Int(ownerIDs.lookup(owner))
        guard number >= 0 else {
            unknownOwners[owner.string, default: (0, location)].rows += 1
            return nil
        }
        if let message = ownerProblems[number] {
            log.error(location, message)
            return nil
        }
        return ownerParticipants[number]
    }

    /// Logs every owner people.csv does not know, once, with the number of rows that name it.
    func reportUnknownOwners() {
        for (owner, seen) in unknownOwners.sorted(by: { $0.value.first < $1.value.first }) {
            log.error(seen.first, "owner '\(owner)' has no participant in people.csv for \(options.system.rawValue) "
                      + "(\(seen.rows) row\(seen.rows == 1 ? "" : "s") name\(seen.rows == 1 ? "s" : "") it)")
        }
    }

    // MARK: - Rows

    /// The deals.csv row of the current (won) row; nil when it has a problem or no amount.
    mutating func deal() -> [UInt8]? {
        let idIsValid = isValid(columns.id, title: options.system.id.title)
        if idIsValid { remember(field(columns.id)) }
        let amount = amount()
        if let amount, amount.isZero {
            summary.skipped[.noAmount, default: 0] += 1
            return nil
        }
        let close = date(columns.closeDate, title: options.system.closeDate.title, required: true)
        let currency = currency()
        let reps = idIsValid ? reps() : nil
        let created = columns.createdDate.map { date($0, title: options.system.createdDate.title, required: false) } ?? .some(nil)
        let cancel = columns.cancelDate.map { date($0, title: options.cancelDateField ?? "", required: false) } ?? .some(nil)
        guard idIsValid, amount != nil, let close = close ?? nil, let currency, let reps, let created, let cancel else { return nil }
        if let cancel, cancel < close {
            problem(columns.cancelDate!, "the cancel date \(cancel) is before the close date \(close)")
            return nil
        }
        summary.dealsWritten += 1
        line.removeAll()
        line.field(field(columns.id))
        line.field(close)
        line.field(field(columns.amount))
        line.field(currency.code)
        line.field(token(columns.type) ?? "other")
        line.field(token(columns.product) ?? "")
        line.field(splitIDs.count == 0 || splitIDs.lookup(field(columns.id)) < 0 ? reps[0].rep
                   : reps.map { "\($0.rep):\($0.percent)" }.joined(separator: ";"))
        line.field(cancel == nil ? "won" : "cancelled")
        if let cancel { line.field(cancel) } else { line.field("") }
        if let created { line.field(created) } else { line.field("") }
        line.endRow()
        return line.bytes
    }

    /// The token of a column's text; nil without the column or when nothing is left.
    private func token(_ column: Int?) -> String? { column.flatMap { CRMValue.token(field($0)) } }

    /// The pipeline.csv rows of the current (open) row, one per rep with that rep's share of the
    /// amount; none when it has a problem.
    mutating func pipelineRows() -> [[UInt8]] {
        guard let snapshot = options.pipeline?.snapshot, let probabilityColumn = columns.probability else { return [] }
        let idIsValid = isValid(columns.id, title: options.system.id.title)
        if idIsValid { remember(field(columns.id)) }
        let stageIsValid = isValid(columns.stage, title: options.system.stage.title, spaces: true)
        let amount = amount()
        let probability = self.probability(probabilityColumn)
        let close = date(columns.closeDate, title: options.system.closeDate.title, required: true)
        let currency = currency()
        let reps = idIsValid ? reps() : nil
        guard idIsValid, stageIsValid, let amount, let probability, let close = close ?? nil, let currency, let reps else { return [] }
        summary.pipelineRowsWritten += reps.count
        return reps.map { rep in
            // amount × percent / 100, exact up to 6 decimals, rounded half away from zero past them.
            let share = ExactDecimal.quotient(amount * rep.percent, ExactDecimal(100), scale: 6)
            var row = CSVWriter()
            row.row([field(columns.id).string, rep.rep, snapshot.description, field(columns.stage).string, ExportRows.plain(probability),
                     ExportRows.plain(share), currency.code, close.description])
            return row.bytes
        }
    }

    /// The stated probability as a fraction in [0, 1], to 6 decimals: Salesforce gives a percent.
    private func probability(_ column: Int) -> ExactDecimal? {
        let bytes = field(column)
        let percent = options.system == .salesforce
        guard case .success(let value) = ExactDecimal.parse(bytes, maxDecimals: 6, maxIntegerDigits: 3) else {
            problem(column, bytes.isEmpty ? "the probability is required" : "probability '\(bytes.string)' is not a plain decimal number")
            return nil
        }
        let fraction = percent ? ExactDecimal.quotient(value, ExactDecimal(100), scale: 6) : value.rounded(toScale: 6)
        guard fraction <= ExactDecimal(1) else {
            problem(column, "probability '\(bytes.string)' is more than \(percent ? "100" : "1")")
            return nil
        }
        return fraction
    }

    /// A decimal without trailing zeros after the point (`0.250000` → `0.25`, `3.000` → `3`).
    static func plain(_ value: ExactDecimal) -> String {
        var text = value.description
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    // MARK: - Ids given twice

    private mutating func remember(_ id: UnsafeBufferPointer<UInt8>) {
        idFingerprints.append(ExportRows.fingerprint(id))
    }

    /// FNV-1a, 64 bits.
    private static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// Logs every id of a won or open row given twice. Fingerprints find the candidates in memory
    /// that does not grow with the ids' length; a second read of the export compares the
    /// candidates' ids exactly.
    mutating func reportDuplicateIDs() throws {
        idFingerprints.sort()
        var suspects: Set<UInt64> = []
        for index in idFingerprints.indices.dropFirst() where idFingerprints[index] == idFingerprints[index - 1] {
            suspects.insert(idFingerprints[index])
        }
        idFingerprints = []
        guard !suspects.isEmpty, let again = CSVTable(path: table.path, required: [], headerNames: .anyCase, log: DiagnosticLog()) else { return }
        var firstLine: [String: Int] = [:]
        try again.forEachRow(log: DiagnosticLog()) {
            let id = again.field(columns.id)
            guard suspects.contains(ExportRows.fingerprint(id)) else { return }
            let text = id.string
            if let first = firstLine[text] {
                log.error(file: table.path, line: again.line, column: columns.id + 1, "\(options.system.id.title) \(text) is given twice (first on line \(first))")
            } else {
                firstLine[text] = again.line
            }
        }
    }
}
