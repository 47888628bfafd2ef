import ArgumentParser
import CompKit

/// The input flags every subcommand shares (SPEC 6); anything not given takes its default under
/// `plans/` and `inputs/`.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("plans"), help: ArgumentHelp("A plan file or a folder of plan files (repeatable).", valueName: "path"))
    var plans: [String] = []

    @Option(name: .customLong("deals"), help: ArgumentHelp("A deals file, .csv or .xml (repeatable).", valueName: "path"))
    var deals: [String] = []

    @Option(help: ArgumentHelp("Exchange rates (default inputs/fx.csv when present).", valueName: "file"))
    var fx: String?

    @Option(help: ArgumentHelp("Reps' committed forecasts (default inputs/forecasts.csv when present).", valueName: "file"))
    var forecasts: String?

    @Option(help: ArgumentHelp("Open pipeline snapshots (default inputs/pipeline.csv when present).", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("What reps expect to be paid (default inputs/expected.csv when present).", valueName: "file"))
    var expected: String?

    var runInputs: RunInputs {
        RunInputs(planPaths: plans, dealPaths: deals, fxPath: fx, forecastsPath: forecasts,
                  pipelinePath: pipeline, expectedPath: expected).withDefaults()
    }
}

/// `--ledger F`: the payment ledger (SPEC 3.10), by default `out/ledger.sqlite`.
struct LedgerOption: ParsableArguments {
    static let defaultPath = "out/ledger.sqlite"

    @Option(help: ArgumentHelp("The payment ledger (default out/ledger.sqlite).", valueName: "file"))
    var ledger: String?

    var path: String { ledger ?? LedgerOption.defaultPath }
}

/// Parses `--period YYYY-MM`.
extension YearMonth: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
