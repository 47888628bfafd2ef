/// The rows of a CRM export as `comp import` turns them into deals.csv and pipeline.csv rows
/// (§8.1), checked field by field: every problem is logged at its line and column.
///
/// A won deal's row is made from the field bytes straight into a reused line, without a string
/// per field: an export has millions of rows, and this is where an import spends its time. A
/// class, used by one thread: the state of reading one part of an export, never copied.
final class ExportRows {
    enum Kind {
        case won, open, lost, invalid
    }

    let table: CSVTable
    let columns: ExportColumns
    let options: CRMImport.Options
    let log: DiagnosticLog
    // The state read and written per row is exempt from the runtime's exclusivity checks (a
    // quarter of an import's time): an instance is only ever used by the one thread reading its part.
    @exclusivity(unchecked) var summary = CRMImport.Summary()
    @exclusivity(unchecked) private var values: CRMValue
    /// What error messages call the fields (the CRM's names), worked out once.
    private let titles: (id: String, owner: String, closeDate: String, createdDate: String, amount: String, stage: String)
    private let lookup: RepLookup
    /// Owner ids people.csv does not know: how many rows name them, and where first.
    private var unknownOwners: [String: (rows: Int, first: SourceLocation)] = [:]
    /// A fingerprint of the id of every won or open row, to find an id given twice without keeping every id.
    @exclusivity(unchecked) private var idFingerprints: [UInt64] = []
    /// The last currency read, and its code's bytes: most exports hold few currencies.
    @exclusivity(unchecked) private var lastCurrency: (code: [UInt8], currency: Currency)?
    /// The line being made.
    @exclusivity(unchecked) private var line = CSVWriter()

    init(table: CSVTable, columns: ExportColumns, options: CRMImport.Options, reps: RepLookup, log: DiagnosticLog) {
        self.table = table
        self.columns = columns
        self.options = options
        self.log = log
        lookup = reps
        let system = options.system
        titles = (system.id.title, system.owner.title, system.closeDate.title, system.createdDate.title, system.amount.title, system.stage.title)
        values = CRMValue(zone: options.timeZone)
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
    private func date(_ column: Int, title: String, required: Bool) -> CalendarDate?? {
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
            problem(columns.amount, "\(titles.amount) '\(bytes.string)' \(failure.explanation)")
            return nil
        }
    }

    private func currency() -> Currency? {
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

    /// Who a row credits: its owner alone, or its opportunity's splits.
    private enum Reps {
        case owner(String)
        case shares([(rep: String, percent: ExactDecimal)])

        var list: [(rep: String, percent: ExactDecimal)] {
            switch self {
            case .owner(let rep): return [(rep, ExactDecimal(100))]
            case .shares(let shares): return shares
            }
        }
    }

    /// The reps of the current row: its opportunity's splits, else 100 % to its owner, each owner
    /// made a participant id through people.csv. nil (and logged) on a problem.
    private func reps(fingerprint: UInt64) -> Reps? {
        let opportunity = lookup.splitOpportunity(field(columns.id), fingerprint: fingerprint)
        if opportunity >= 0 {
            let shares = lookup.splitShares[opportunity]
            let id = field(columns.id).string
            let total = shares.reduce(ExactDecimal.zero) { $0 + $1.percent }
            guard shares.count <= DealRules.maxSplits else {
                problem(columns.id, "\(id) is split between \(shares.count) reps, more than the \(DealRules.maxSplits) comp accepts")
                return nil
            }
            guard total == ExactDecimal(100) else {
                problem(columns.id, "the splits of \(id) add up to \(total) %, not 100 % (\(lookup.splits!.path) line\(shares.count > 1 ? "s" : "") "
                        + shares.map { String($0.line) }.joined(separator: ", ") + ")")
                return nil
            }
            var reps: [(rep: String, percent: ExactDecimal)] = []
            for share in shares {
                let location = SourceLocation.wholeLine(lookup.splits!.path, share.line)
                guard let rep = share.owner.withUTF8Bytes({ self.participant($0, at: location) }) else { return nil }
                if reps.contains(where: { $0.rep == rep }) {
                    problem(columns.id, "\(rep) has two splits of \(id)")
                    return nil
                }
                reps.append((rep, share.percent))
            }
            return .shares(reps)
        }
        guard isValid(columns.owner, title: titles.owner, spaces: true),
              let participant = participant(field(columns.owner), at: SourceLocation(file: table.path, line: table.line, column: columns.owner + 1))
        else { return nil }
        return .owner(participant)
    }

    /// The participant an owner id stands for: the id itself without people.csv. It must be a rep id
    /// deals.csv can hold: a token without `:` or `;`.
    private func participant(_ owner: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> SourceLocation) -> String? {
        guard lookup.usesPeople else {
            if let message = RepLookup.repIDProblem(owner) {
                log.error(location(), message + " (map owners to participant ids with --people)")
                return nil
            }
            return owner.string
        }
        let number = Int(lookup.ownerIDs.lookup(owner))
        guard number >= 0 else {
            unknownOwners[owner.string, default: (0, location())].rows += 1
            return nil
        }
        if let message = lookup.ownerProblems[number] {
            log.error(location(), message)
            return nil
        }
        return lookup.ownerParticipants[number]
    }

    /// Logs every owner people.csv does not know, once, with the number of rows that name it.
    func reportUnknownOwners() {
        for (owner, seen) in unknownOwners.sorted(by: { $0.value.first < $1.value.first }) {
            log.error(seen.first, "owner '\(owner)' has no participant in people.csv for \(options.system.rawValue) "
                      + "(\(seen.rows) row\(seen.rows == 1 ? "" : "s") name\(seen.rows == 1 ? "s" : "") it)")
        }
    }

    // MARK: - Rows

    /// The fingerprint of the current row's id, kept to find ids given twice; nil (and logged) when
    /// the id is not one deals.csv can hold.
    private func checkedID() -> UInt64? {
        guard isValid(columns.id, title: titles.id) else { return nil }
        let fingerprint = DealIDFingerprint.of(field(columns.id))
        idFingerprints.append(fingerprint)
        return fingerprint
    }

    /// The deals.csv row of the current (won) row; nil when it has a problem or no amount.
    func deal() -> [UInt8]? {
        let fingerprint = checkedID()
        let amount = amount()
        if let amount, amount.isZero {
            summary.skipped[.noAmount, default: 0] += 1
            return nil
        }
        let close = date(columns.closeDate, title: titles.closeDate, required: true)
        let currency = currency()
        let reps = fingerprint.flatMap(reps(fingerprint:))
        let created = columns.createdDate.map { date($0, title: titles.createdDate, required: false) } ?? .some(nil)
        let cancel = columns.cancelDate.map { date($0, title: options.cancelDateField ?? "", required: false) } ?? .some(nil)
        guard fingerprint != nil, amount != nil, let close = close ?? nil, let currency, let reps, let created, let cancel else { return nil }
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
        switch reps {
        case .owner(let rep): line.field(rep)
        case .shares(let shares): line.field(shares.map { "\($0.rep):\($0.percent)" }.joined(separator: ";"))
        }
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
    func pipelineRows() -> [[UInt8]] {
        guard let snapshot = options.pipeline?.snapshot, let probabilityColumn = columns.probability else { return [] }
        let fingerprint = checkedID()
        let stageIsValid = isValid(columns.stage, title: titles.stage, spaces: true)
        let amount = amount()
        let probability = self.probability(probabilityColumn)
        let close = date(columns.closeDate, title: titles.closeDate, required: true)
        let currency = currency()
        let reps = fingerprint.flatMap(reps(fingerprint:))
        guard fingerprint != nil, stageIsValid, let amount, let probability, let close = close ?? nil, let currency, let reps = reps?.list else { return [] }
        summary.pipelineRowsWritten += reps.count
        return reps.map { rep in
            // amount × percent / 100, exact up to 6 decimals, rounded half away from zero past them.
            let share = ExactDecimal.quotient(amount * rep.percent, ExactDecimal(100), scale: 6)
            var row = CSVWriter()
            row.row([field(columns.id).string, rep.rep, snapshot.description, field(columns.stage).string, probability.exactText(),
                     share.exactText(), currency.code, close.description])
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

    // MARK: - Reading a part of the export

    /// Reads every row of this part of the export, writing each deal to `deals` and each open
    /// opportunity's rows to `pipeline` (when asked); problems go to the log.
    func read(into deals: StagedFile, pipeline: StagedFile?) throws {
        var failure: Error?
        try table.forEachRow(log: log) {
            guard failure == nil else { return }
            do {
                switch classify() {
                case .won:
                    if let line = deal() { try deals.append(line) }
                case .open where pipeline != nil:
                    for line in pipelineRows() { try pipeline?.append(line) }
                case .open:
                    summary.skipped[.open, default: 0] += 1
                case .lost:
                    summary.skipped[.lost, default: 0] += 1
                case .invalid:
                    break
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        summary.rowsRead = table.rowCount
    }

    /// Takes over what the rows of a later part of the same export found.
    func absorb(_ later: ExportRows) {
        summary.rowsRead += later.summary.rowsRead
        summary.dealsWritten += later.summary.dealsWritten
        summary.pipelineRowsWritten += later.summary.pipelineRowsWritten
        summary.skipped.merge(later.summary.skipped, uniquingKeysWith: +)
        unknownOwners.merge(later.unknownOwners) { mine, theirs in (mine.rows + theirs.rows, min(mine.first, theirs.first)) }
        idFingerprints += later.idFingerprints
        log.append(later.log)
    }

    // MARK: - Ids given twice

    /// Logs every id of a won or open row given twice. Fingerprints find the candidates in memory
    /// that does not grow with the ids' length; a second read of the export compares the
    /// candidates' ids exactly.
    func reportDuplicateIDs() throws {
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
            guard suspects.contains(DealIDFingerprint.of(id)) else { return }
            let text = id.string
            if let first = firstLine[text] {
                log.error(file: table.path, line: again.line, column: columns.id + 1, "\(titles.id) \(text) is given twice (first on line \(first))")
            } else {
                firstLine[text] = again.line
            }
        }
    }
}
