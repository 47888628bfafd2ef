import ArgumentParser
import CompKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The options both CRMs share.
struct ImportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("people.csv: CRM owner ids become participant ids (default: ids kept as they are).", valueName: "file"))
    var people: String?

    @Option(help: ArgumentHelp("The currency of an export without a currency column (a single-currency org).", valueName: "code"))
    var currency: Currency?

    @Option(help: ArgumentHelp("The time zone timestamps are read in, an IANA name (default UTC).", valueName: "zone"))
    var timezone = "UTC"

    @Option(name: .customLong("product-field"), help: ArgumentHelp("The column that gives the deal's product.", valueName: "name"))
    var productField: String?

    @Option(name: .customLong("cancel-date-field"),
            help: ArgumentHelp("The column whose date marks a won deal cancelled on that date.", valueName: "name"))
    var cancelDateField: String?

    @Option(name: .customLong("pipeline-out"), help: ArgumentHelp("Also write the open opportunities as pipeline.csv here.", valueName: "file"))
    var pipelineOut: String?

    @Option(name: .customLong("snapshot-date"), help: ArgumentHelp("The pipeline snapshot's date (with --pipeline-out).", valueName: "YYYY-MM-DD"))
    var snapshotDate: String?

    @Option(help: ArgumentHelp("Where to write deals.csv.", valueName: "file"))
    var out: String

    func validate() throws {
        guard TimeZone(identifier: timezone) != nil else { throw ValidationError("--timezone: unknown time zone '\(timezone)' (an IANA name such as Europe/Warsaw)") }
        guard (pipelineOut == nil) == (snapshotDate == nil) else { throw ValidationError("--pipeline-out and --snapshot-date go together") }
        if let snapshotDate, CalendarDate(parsing: snapshotDate) == nil {
            throw ValidationError("--snapshot-date: '\(snapshotDate)' is not a date YYYY-MM-DD")
        }
    }

    /// The import's options for an export of `system`; reads people.csv.
    func options(system: CRMSystem, export: String) throws -> CRMImport.Options {
        var options = CRMImport.Options(system: system, exportPath: export, outPath: out)
        if let people {
            let log = DiagnosticLog()
            options.people = try PeopleCrosswalk.read(path: people, log: log)
            guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        }
        options.currency = currency
        options.timeZone = TimeZone(identifier: timezone)!
        options.productField = productField
        options.cancelDateField = cancelDateField
        if let pipelineOut, let snapshotDate, let date = CalendarDate(parsing: snapshotDate) { options.pipeline = (pipelineOut, date) }
        return options
    }

    /// Imports and says on stderr what was read, written and skipped.
    func run(_ options: CRMImport.Options) throws {
        do {
            let summary = try CRMImport.run(options)
            var line = "comp: import: read \(summary.rowsRead) rows of \(options.exportPath); wrote \(summary.dealsWritten) deals to \(options.outPath)"
            if let pipeline = options.pipeline { line += " and \(summary.pipelineRowsWritten) pipeline rows to \(pipeline.path)" }
            let skipped = summary.skipped.sorted { $0.key < $1.key }
            let count = skipped.reduce(0) { $0 + $1.value }
            line += count == 0 ? "; skipped none" : "; skipped \(count): " + skipped.map { "\($0.value) \($0.key.label)" }.joined(separator: ", ")
            printToStandardError(line)
        } catch let error as CompError {
            throw report(error)
        }
    }
}
