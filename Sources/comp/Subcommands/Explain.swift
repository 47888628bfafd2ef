import ArgumentParser
import CompKit

/// `comp explain`: one participant's statement for a month, on stdout and as
/// `<out>/statements/<id>.html`.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a rep's statement for a month: every credit, the tier math, the pay; also written as statements/<id>.html.")

    @Option(help: ArgumentHelp("The participant whose statement to show.", valueName: "id"))
    var rep: String

    @Option(help: ArgumentHelp("The pay period.", valueName: "YYYY-MM"))
    var period: YearMonth

    @OptionGroup var inputs: InputOptions

    @OptionGroup var ledger: LedgerOption

    @Option(help: ArgumentHelp("The run's output folder; the statement goes into its statements/ (default out/<period>).", valueName: "dir"))
    var out: String?

    func run() throws {
        do {
            let paidLedger = try ledger.ledgerForRun()
            let result = try PayrollRun.compute(inputs: inputs.runInputs(), period: period, ledger: paidLedger)
            guard let statement = try StatementBuilder(result: result).statement(for: rep) else {
                throw ValidationError("no participant \(rep) in a plan whose fiscal year holds \(period)")
            }
            TerminalProgress.shared.finish()
            let document = StatementLayout.document(statement)
            try StatementFiles.write(StatementFiles.file(of: document, participantID: statement.participantID), into: out ?? "out/\(period)")
            print(TextRenderer.render(document), terminator: "")
        } catch let error as CompError {
            throw report(error)
        }
    }
}
