import ArgumentParser
import CompKit

#if canImport(Glibc)
import Glibc
#endif

/// The input flags every subcommand shares (§2 and §6): plans default to `plans/`, every other
/// input to its file in the inputs folder.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("plans"), help: ArgumentHelp("A plan file or a folder of plan files (repeatable; default plans/).", valueName: "path"))
    var plans: [String] = []

    @Option(name: .customLong("deals"), help: ArgumentHelp("A deals file, .csv or .xml (repeatable; default deals.csv and/or deals.xml of the inputs folder).", valueName: "path"))
    var deals: [String] = []

    @Option(name: .customLong("inputs"),
            help: ArgumentHelp("The folder the other inputs come from (default: the folder of the first --deals file, else inputs/).", valueName: "dir"))
    var inputsFolder: String?

    @Option(help: ArgumentHelp("Exchange rates (default fx.csv of the inputs folder, when present).", valueName: "file"))
    var fx: String?

    @Option(help: ArgumentHelp("Reps' committed forecasts (default forecasts.csv of the inputs folder, when present).", valueName: "file"))
    var forecasts: String?

    @Option(help: ArgumentHelp("Open pipeline snapshots (default pipeline.csv of the inputs folder, when present).", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("What reps expect to be paid (default expected.csv of the inputs folder, when present).", valueName: "file"))
    var expected: String?

    @Option(help: ArgumentHelp("Cash collected on deals, for components credited on payment (default payments.csv of the inputs folder, when present).",
                               valueName: "file"))
    var payments: String?

    /// The run's inputs with their defaults filled in; names on stderr, in one line, the files the
    /// defaults chose, so that nobody is surprised by a file they did not name.
    func runInputs() -> RunInputs {
        let resolved = RunInputs(planPaths: plans, dealPaths: deals, fxPath: fx, forecastsPath: forecasts,
                                 pipelinePath: pipeline, expectedPath: expected, paymentsPath: payments)
            .withDefaults(inputsFolder: inputsFolder)
        if !resolved.implicitPaths.isEmpty { announceImplicitInputs(resolved.implicitPaths) }
        return resolved
    }
}

/// Names on stderr, in one line, the input files the defaults chose.
func announceImplicitInputs(_ paths: [String]) {
    printToStandardError("comp: also reading (not named on the command line): \(paths.joined(separator: ", "))")
}

/// Parses `--period YYYY-MM`.
extension YearMonth: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
