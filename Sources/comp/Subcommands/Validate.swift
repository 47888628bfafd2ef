import ArgumentParser
import CompKit

/// `comp validate`: checks every input as a run would, and writes nothing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check plans, deals and fx as a run would; write nothing.")

    @Option(help: ArgumentHelp("The pay period whose fx rates must be present (default: the last month of the latest plan year).", valueName: "YYYY-MM"))
    var period: YearMonth?

    @OptionGroup var inputs: InputOptions

    func run() throws {
        do {
            let result = try PayrollRun.compute(inputs: inputs.runInputs(), period: period)
            TerminalProgress.shared.finish()
            let plans = result.book.plans.count
            let people = result.book.participantIDs.count
            print("comp: ok: \(plans) plan\(plans == 1 ? "" : "s"), \(people) participants, \(result.dealCounts.dealRows) deal rows checked")
        } catch let error as CompError {
            throw report(error)
        }
    }
}
