import Foundation

/// `comp import` (§8.1): a CRM's opportunity export made into deals.csv — won deals only, with
/// their splits, owners through the people crosswalk, currencies, dates in a time zone, type and
/// product as tokens — and, when asked, its open opportunities into pipeline.csv of one snapshot.
///
/// The export is read once, row by row, and written as it is read into temporary files, which go
/// into place together only when the whole export was valid: a problem anywhere leaves both
/// targets as they were.
public enum CRMImport {
    /// What the command line asks for.
    public struct Options: Sendable {
        public var system: CRMSystem
        public var exportPath: String
        public var outPath: String
        /// Salesforce's OpportunitySplit export, and the split type to use from it.
        public var splitsPath: String?
        public var splitType: String?
        /// HubSpot deal stages that count as won besides `closedwon` / `Closed Won`.
        public var wonStages: [String] = []
        /// people.csv, to turn CRM owner ids into participant ids.
        public var people: PeopleCrosswalk?
        /// The currency of an export without a currency column (a single-currency org).
        public var currency: Currency?
        public var timeZone: TimeZone = TimeZone(identifier: "UTC")!
        /// The column that gives `product`, and the one whose date marks a won deal cancelled.
        public var productField: String?
        public var cancelDateField: String?
        /// Where to write the open opportunities, and the snapshot date they carry.
        public var pipeline: (path: String, snapshot: CalendarDate)?

        public init(system: CRMSystem, exportPath: String, outPath: String) {
            self.system = system
            self.exportPath = exportPath
            self.outPath = outPath
        }
    }

    /// Why a row of the export gave no deal.
    public enum SkipReason: Int, Sendable, CaseIterable, Comparable {
        case lost, open, noAmount

        public var label: String {
            switch self {
            case .lost: return "closed and not won"
            case .open: return "open (no --pipeline-out)"
            case .noAmount: return "won without an amount"
            }
        }

        public static func < (lhs: SkipReason, rhs: SkipReason) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What an import read and wrote.
    public struct Summary: Sendable {
        public var rowsRead = 0
        public var dealsWritten = 0
        public var pipelineRowsWritten = 0
        public var skipped: [SkipReason: Int] = [:]
    }

    static let dealsHeader = ["deal_id", "close_date", "amount", "currency", "type", "product", "reps", "status", "cancel_date",
                              "created_date"]
    static let pipelineHeader = ["opp_id", "rep_id", "snapshot_date", "stage", "probability", "amount", "currency", "expected_close"]

    /// Imports the export; throws `CompError.invalidInput` with every problem found (nothing is
    /// written then), or `CompError.io`.
    public static func run(_ options: Options) throws -> Summary {
        let log = DiagnosticLog()
        let splits = try options.splitsPath.map { try OpportunitySplits(path: $0, splitType: options.splitType, log: log) }
        guard let table = CSVTable(path: options.exportPath, required: [], headerNames: .anyCase, log: log),
              let columns = ExportColumns(table: table, options: options, log: log), log.isEmpty else {
            throw CompError.invalidInput(log.sorted, more: log.droppedCount)
        }
        let deals = try StagedFile(target: options.outPath)
        let pipeline = try options.pipeline.map { try StagedFile(target: $0.path) }
        var rows = ExportRows(table: table, columns: columns, options: options, splits: splits, log: log)
        try deals.append(CSVWriter(header: dealsHeader).bytes)
        try pipeline?.append(CSVWriter(header: pipelineHeader).bytes)
        var failure: Error?
        try table.forEachRow(log: log) {
            guard failure == nil else { return }
            do {
                switch rows.classify() {
                case .won:
                    if let line = rows.deal() { try deals.append(line) }
                case .open where pipeline != nil:
                    for line in rows.pipelineRows() { try pipeline?.append(line) }
                case .open:
                    rows.summary.skipped[.open, default: 0] += 1
                case .lost:
                    rows.summary.skipped[.lost, default: 0] += 1
                case .invalid:
                    break
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        rows.reportUnknownOwners()
        try rows.reportDuplicateIDs()
        guard log.isEmpty else {
            deals.discard()
            pipeline?.discard()
            throw CompError.invalidInput(log.sorted, more: log.droppedCount)
        }
        try StagedFile.commit([deals] + (pipeline.map { [$0] } ?? []))
        rows.summary.rowsRead = table.rowCount
        return rows.summary
    }
}
