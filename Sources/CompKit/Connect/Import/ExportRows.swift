/// The rows of a CRM export as `comp import` turns them into deals.csv and pipeline.csv rows
/// (§8.1), checked field by field: every problem is logged at its line and column.
struct ExportRows {
    enum Kind {
        case won, open, lost, invalid
    }

    let table: CSVTable
    let columns: ExportColumns
    let options: CRMImport.Options
    let splits: OpportunitySplits?
    let log: DiagnosticLog
    var summary = CRMImport.Summary()
    /// Owner ids people.csv does not know: how many rows name them, and where first.
    private var unknownOwners: [String: (rows: Int, first: SourceLocation)] = [:]
    /// A fingerprint of the id of every won or open row, to find an id given twice without keeping every id.
    private var idFingerprints: [UInt64] = []

    init(table: CSVTable, columns: ExportColumns, options: CRMImport.Options, splits: OpportunitySplits?, log: DiagnosticLog) {
        self.table = table
        self.columns = columns
        self.options = options
        self.splits = splits
        self.log = log
    }

    private func problem(_ column: Int, _ message: String) {
        log.error(file: table.path, line: table.line, column: column + 1, message)
    }

    private func field(_ column: Int) -> UnsafeBufferPointer<UInt8> { table.field(column) }

    /// Whether the current row is a won deal, an open opportunity or a lost one.
    func classify() -> Kind {
        let stage = field(columns.stage).string
        switch options.system {
        case .salesforce:
            guard let won = flag(columns.isWon!, title: "IsWon") else { return .invalid }
            if won { return .won }
            if let isClosed = columns.isClosed {
                guard let closed = flag(isClosed, title: "IsClosed") else { return .invalid }
                return closed ? .lost : .open
            }
            return stage.lowercased().hasPrefix("closed") ? .lost : .open
        case .hubspot:
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

    /// A required text of at most `DealRules.maxTokenBytes` bytes of UTF-8; an id (no spaces, as
    /// deals.csv wants it) unless `spaces`.
    private func text(_ column: Int, title: String, spaces: Bool = false) -> String? {
        let bytes = field(column)
        if let message = DealRules.tokenProblem(bytes, name: title, spaces: spaces) {
            problem(column, message)
            return nil
        }
        return bytes.string
    }

    /// A date or timestamp, as its calendar date in the time zone; nil (and logged) when required and
    /// missing or not a date; `.some(nil)` when optional and empty.
    private func date(_ column: Int, title: String, required: Bool) -> CalendarDate?? {
        let bytes = field(column)
        if bytes.isEmpty && !required { return .some(nil) }
        guard let date = CRMValue.date(bytes, in: options.timeZone) else {
            problem(column, bytes.isEmpty ? "\(title) is required"
                    : "\(title) '\(bytes.string)' is neither a date YYYY-MM-DD nor a timestamp such as 2026-03-31T18:02:11Z")
            return nil
        }
        return .some(date)
    }

    /// The amount; 0 when empty. A negative or malformed amount is logged.
    private func amount(title: String) -> ExactDecimal? {
        let bytes = field(columns.amount)
        if bytes.isEmpty { return .zero }
        switch ExactDecimal.parse(bytes, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits) {
        case .success(let value):
            return value
        case .failure(let failure):
            problem(columns.amount, "\(title) '\(bytes.string)' \(failure.explanation)")
            return nil
        }
    }

    private func currency() -> Currency? {
        guard let column = columns.currency, !field(column).isEmpty else {
            if let currency = options.currency { return currency }
            problem(columns.currency ?? columns.amount, "the currency is required (or give --currency)")
            return nil
        }
        guard let currency = Currency(code: field(column).string) else {
            problem(column, "unknown currency '\(field(column).string)' (not an ISO 4217 code)")
            return nil
        }
        return currency
    }

    private func token(_ column: Int?) -> String? { column.flatMap { CRMValue.token(field($0)) } }

    // MARK: - Owners and splits

    /// The reps of the opportunity `id` and their percents: its splits, else 100 % to its owner,
    /// each owner made a participant id through people.csv.
    private mutating func reps(of id: String) -> [(rep: String, percent: ExactDecimal)]? {
        if let shares = splits?.shares(of: id) {
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
            let reps = shares.map { share in
                participant(share.owner, at: SourceLocation(file: splits!.path, line: share.line, column: 0))
            }
            guard !reps.contains(nil) else { return nil }
            return checkedOnce(zip(reps.map { $0! }, shares.map(\.percent)).map { ($0, $1) }, id: id)
        }
        guard let owner = text(columns.owner, title: options.system.owner.title, spaces: true) else { return nil }
        return participant(owner, at: SourceLocation(file: table.path, line: table.line, column: columns.owner + 1)).map { [($0, ExactDecimal(100))] }
    }

    /// The participant an owner id stands for: the id itself without people.csv. It must be a rep id
    /// deals.csv can hold: a token without `:` or `;`.
    private mutating func participant(_ owner: String, at location: SourceLocation) -> String? {
        var participant = owner
        if let people = options.people {
            guard let known = people.participant(system: options.system.rawValue, externalID: owner) else {
                unknownOwners[owner, default: (0, location)].rows += 1
                return nil
            }
            participant = known
        }
        var text = participant
        let message = text.withUTF8 { DealRules.tokenProblem($0, name: "rep id") }
            ?? (participant.contains(where: { $0 == ":" || $0 == ";" }) ? "rep id '\(participant)' must not contain ':' or ';'" : nil)
        if let message {
            log.error(location, message + (options.people == nil ? " (map owners to participant ids with --people)" : ""))
            return nil
        }
        return participant
    }

    private func checkedOnce(_ reps: [(rep: String, percent: ExactDecimal)], id: String) -> [(rep: String, percent: ExactDecimal)]? {
        var seen: Set<String> = []
        for (rep, _) in reps where !seen.insert(rep).inserted {
            problem(columns.id, "\(rep) has two splits of \(id)")
            return nil
        }
        return reps
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
        let id = text(columns.id, title: options.system.id.title)
        if let id { remember(id) }
        let amount = self.amount(title: options.system.amount.title)
        if let amount, amount.isZero {
            summary.skipped[.noAmount, default: 0] += 1
            return nil
        }
        let close = date(columns.closeDate, title: options.system.closeDate.title, required: true)
        let currency = self.currency()
        let reps = id.flatMap { self.reps(of: $0) }
        let created = columns.createdDate.map { date($0, title: options.system.createdDate.title, required: false) } ?? .some(nil)
        let cancel = columns.cancelDate.map { date($0, title: options.cancelDateField ?? "", required: false) } ?? .some(nil)
        guard let id, amount != nil, let close = close ?? nil, let currency, let reps, let created, let cancel else { return nil }
        if let cancel, cancel < close {
            problem(columns.cancelDate!, "the cancel date \(cancel) is before the close date \(close)")
            return nil
        }
        summary.dealsWritten += 1
        let repsField = splits?.shares(of: id) == nil ? reps[0].rep : reps.map { "\($0.rep):\($0.percent)" }.joined(separator: ";")
        var row = CSVWriter()
        row.row([id, close.description, field(columns.amount).string, currency.code, token(columns.type) ?? "other",
                 token(columns.product) ?? "", repsField, cancel == nil ? "won" : "cancelled", cancel?.description ?? "",
                 created?.description ?? ""])
        return row.bytes
    }

    /// The pipeline.csv rows of the current (open) row, one per rep with that rep's share of the
    /// amount; none when it has a problem.
    mutating func pipelineRows() -> [[UInt8]] {
        guard let snapshot = options.pipeline?.snapshot, let probabilityColumn = columns.probability else { return [] }
        let id = text(columns.id, title: options.system.id.title)
        if let id { remember(id) }
        let stage = text(columns.stage, title: options.system.stage.title, spaces: true)
        let amount = self.amount(title: options.system.amount.title)
        let probability = self.probability(probabilityColumn)
        let close = date(columns.closeDate, title: options.system.closeDate.title, required: true)
        let currency = self.currency()
        let reps = id.flatMap { self.reps(of: $0) }
        guard let id, let stage, let amount, let probability, let close = close ?? nil, let currency, let reps else { return [] }
        summary.pipelineRowsWritten += reps.count
        return reps.map { rep in
            // amount × percent / 100, exact up to 6 decimals, rounded half away from zero past them.
            let share = ExactDecimal.quotient(amount * rep.percent, ExactDecimal(100), scale: 6)
            var row = CSVWriter()
            row.row([id, rep.rep, snapshot.description, stage, ExportRows.plain(probability), ExportRows.plain(share), currency.code,
                     close.description])
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

    private mutating func remember(_ id: String) {
        idFingerprints.append(ExportRows.fingerprint(id.utf8))
    }

    /// FNV-1a, 64 bits.
    private static func fingerprint<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// Logs every id of a won or open row given twice. Fingerprints find the candidates in memory that does not grow
    /// with the ids' length; a second read of the export compares the candidates' ids exactly.
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
