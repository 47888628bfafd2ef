import ArgumentParser
import CompKit

/// `comp run`: computes a pay month and writes its files into `out/<period>/`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute a pay period and write payroll.csv, credits.csv, attainment.csv, exceptions.csv and manifest.json.")

    @Option(help: ArgumentHelp("The pay period.", valueName: "YYYY-MM"))
    var period: YearMonth

    @OptionGroup var inputs: InputOptions

    @OptionGroup var ledger: LedgerOption

    @Option(help: ArgumentHelp("Where to write the files (default out/<period>); replaced as a whole.", valueName: "dir"))
    var out: String?

    @Flag(name: .customLong("no-statements"), help: "Do not write statements/<id>.html for every participant (very large runs).")
    var noStatements = false

    @OptionGroup var thresholds: ThresholdOptions

    func run() throws {
        let folder = out ?? "out/\(period)"
        do {
            // The ledger counts when named, or when the default one exists (something was closed).
            let paidLedger = try ledger.ledgerForRun()
            var options = RunOptions()
            options.varianceThresholds = thresholds.thresholds
            options.preparesOutput = true
            let result = try PayrollRun.compute(inputs: inputs.runInputs(), period: period, ledger: paidLedger, options: options)
            let command = ["comp"] + CommandLine.arguments.dropFirst()
            TerminalProgress.shared.begin(.files)
            try PayrollRun.write(result, to: folder, command: command, version: Comp.version, statements: !noStatements)
            StageTimer.shared.mark("render, checksum and write files")
            TerminalProgress.shared.finish()
            print("comp: \(period): \(result.payroll.rows.count) payroll rows for \(Set(result.payroll.rows.map(\.key.employeeID)).count) people written to \(folder)/")
            // The run is done and its files are in place. Its state is most of a gigabyte at ten
            // million deals; freeing it piece by piece before the process ends would take a fifth
            // of a second for nothing, so the process ends here (the system takes the memory back).
            Self.exit()
        } catch let error as CompError {
            throw report(error)
        }
    }
}
