import ArgumentParser
import CompGenerate
import CompKit

/// `comp generate`: writes a synthetic, realistic data set (plans and inputs) for trials and benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic data set: plans/ and inputs/ (deals, fx, forecasts, pipeline, expected).")

    @Option(help: "How many reps (managers and directors are added on top).")
    var reps: Int

    @Option(help: "How many deals over the year.")
    var deals: Int

    @Option(help: "The random seed: the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write plans/ and inputs/ into.", valueName: "dir"))
    var out: String

    func validate() throws {
        guard reps > 0 else { throw ValidationError("--reps must be at least 1") }
        guard deals >= 0 else { throw ValidationError("--deals must not be negative") }
    }

    func run() throws {
        do {
            try SyntheticDataSet(reps: reps, deals: deals, seed: seed).write(to: out)
            print("comp: wrote \(deals) deals for \(reps) reps to \(out)/plans and \(out)/inputs")
        } catch let error as CompError {
            throw report(error)
        } catch {
            throw report(.io(IOFailure(.write, out, reason: "\(error)")))
        }
    }
}
