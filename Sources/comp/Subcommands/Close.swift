import ArgumentParser
import CompKit

/// `comp close`: records what the run of a period computed as payable, in the ledger.
struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a period as paid in the ledger (one transaction; closed periods are never rewritten).")

    @Option(help: ArgumentHelp("The pay period to close.", valueName: "YYYY-MM"))
    var period: YearMonth

    @OptionGroup var inputs: InputOptions

    @OptionGroup var ledger: LedgerOption

    func run() throws {
        do {
            let paymentLedger = try PaymentLedger.open(path: ledger.path)
            var options = RunOptions()
            options.preparesOutput = true
            let result = try PayrollRun.compute(inputs: inputs.runInputs(), period: period, ledger: paymentLedger, options: options)
            let manifest = try PayrollRun.manifest(result, command: ["comp"] + CommandLine.arguments.dropFirst(), version: Comp.version)
            let outcome = try paymentLedger.close(
                period, payments: result.payroll.payments, previous: PayrollRun.previousPeriodToClose(result),
                manifest: manifest, closedAt: Manifest.now())
            TerminalProgress.shared.finish()
            switch outcome {
            case .closed(let rows):
                print("comp: closed \(period) in \(ledger.path): \(rows) payments recorded")
            case .alreadyClosed:
                print("comp: \(period) was already closed in \(ledger.path) with the same numbers; nothing changed")
            }
        } catch let error as CompError {
            throw report(error)
        }
    }
}
