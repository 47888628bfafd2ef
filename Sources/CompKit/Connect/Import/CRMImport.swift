import Dispatch
import Foundation

/// `comp import` (§8.1): a CRM's opportunity export made into deals.csv — won deals only, with
/// their splits, owners through the people crosswalk, currencies, dates in a time zone, type and
/// product as tokens — and, when asked, its open opportunities into pipeline.csv of one snapshot.
///
/// The export is streamed, row by row (in a range of whole records per core), and written as it
/// is read into temporary files, which go into place together only when the whole export was
/// valid: a problem anywhere leaves both targets as they were.
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
    ///
    /// A large export is read on every core, each a range of whole records (`CSVRanges`) with its
    /// own rows and files, joined in order at the end: the result is the one a single reader gives.
    public static func run(_ options: Options) throws -> Summary {
        StageTimer.shared.restart()
        let log = DiagnosticLog()
        // The splits export is read while the export's cuts are found.
        let (splits, parts) = Parallel.both(
            { Result { try options.splitsPath.map { try OpportunitySplits(path: $0, splitType: options.splitType, log: log) } } },
            { Result { try CSVRanges.parts(path: options.exportPath, count: ProcessInfo.processInfo.activeProcessorCount) } })
        let cuts: [CSVRanges.Part]
        do {
            cuts = try parts.get()
        } catch let failure as InputFile.Failure {
            log.error(.wholeFile(options.exportPath), failure.message)
            throw CompError.invalidInput(log.sorted, more: log.droppedCount)
        }
        StageTimer.shared.mark("import: splits and cuts")
        guard let table = CSVTable(path: options.exportPath, required: [], headerNames: .anyCase,
                                   end: cuts.count > 1 ? cuts[0].range.upperBound : nil, log: log),
              let columns = ExportColumns(table: table, options: options, log: log), log.isEmpty else {
            throw CompError.invalidInput(log.sorted, more: log.droppedCount)
        }
        let reps = RepLookup(splits: try splits.get(), people: options.people, system: options.system)
        let readers = try cuts.indices.map { index in
            let partTable = index == 0 ? table : try CSVTable(continuing: table, range: cuts[index].range, line: cuts[index].line)
            return try PartReader(rows: ExportRows(table: partTable, columns: columns, options: options, reps: reps,
                                                   log: index == 0 ? log : DiagnosticLog()),
                                  deals: StagedFile(target: options.outPath, part: index),
                                  pipeline: options.pipeline.map { try StagedFile(target: $0.path, part: index) })
        }
        try readers[0].deals.append(CSVWriter(header: dealsHeader).bytes)
        try readers[0].pipeline?.append(CSVWriter(header: pipelineHeader).bytes)
        StageTimer.shared.mark("import: tables")
        DispatchQueue.concurrentPerform(iterations: readers.count) { readers[$0].read() }
        StageTimer.shared.mark("import: rows on \(readers.count) cores")
        let rows = readers[0].rows
        for reader in readers {
            if let failure = reader.failure { throw failure }
            if reader !== readers[0] { rows.absorb(reader.rows) }
        }
        // The parts' files are joined while the ids are checked.
        // Only the second task touches `rows` (the first joins files), and both end before it is used again.
        nonisolated(unsafe) let checkedRows = rows
        let (joined, checked) = Parallel.both(
            {
                Result {
                    for reader in readers.dropFirst() {
                        try readers[0].deals.append(contentsOf: reader.deals)
                        if let pipeline = reader.pipeline { try readers[0].pipeline?.append(contentsOf: pipeline) }
                    }
                }
            },
            {
                Result {
                    checkedRows.reportUnknownOwners()
                    try checkedRows.reportDuplicateIDs()
                }
            })
        try joined.get()
        try checked.get()
        StageTimer.shared.mark("import: parts joined, ids checked")
        guard log.isEmpty else {
            for reader in readers {
                reader.deals.discard()
                reader.pipeline?.discard()
            }
            throw CompError.invalidInput(log.sorted, more: log.droppedCount)
        }
        try StagedFile.commit([readers[0].deals] + (readers[0].pipeline.map { [$0] } ?? []))
        StageTimer.shared.mark("import: files in place")
        return rows.summary
    }


    /// One core's part of the export: its rows and the files they go to.
    private final class PartReader: @unchecked Sendable {
        // @unchecked: each reader is used by one thread at a time — its own during `read()`, the
        // caller's before and after `concurrentPerform`, which waits for every part.
        let rows: ExportRows
        let deals: StagedFile
        let pipeline: StagedFile?
        private(set) var failure: Error?

        init(rows: ExportRows, deals: StagedFile, pipeline: StagedFile?) {
            self.rows = rows
            self.deals = deals
            self.pipeline = pipeline
        }

        func read() {
            do {
                try rows.read(into: deals, pipeline: pipeline)
            } catch {
                failure = error
            }
        }
    }
}
