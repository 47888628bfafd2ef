import ArgumentParser
import CompKit

#if canImport(Glibc)
import Glibc
#endif

/// The `comp` command: a thin shell over CompKit. Exit statuses follow §6: 0 success,
/// 1 invalid input, 2 usage, 3 I/O failure.
@main
struct Comp: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "comp",
        abstract: "Sales compensation batch processor: plans and deals in, payroll out.",
        version: version,
        subcommands: [Run.self, Validate.self, Explain.self, EstimateCommand.self, Close.self, History.self, Generate.self, Import.self, Export.self]
    )

    /// Parses and runs, mapping argument errors to exit status 2 (usage) as §6 asks.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            TerminalProgress.shared.finish()
        } catch {
            TerminalProgress.shared.finish()
            let code = exitCode(for: error)
            if code == .validationFailure {
                fputs(fullMessage(for: error) + "\n", stderr)
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Prints a failure the way §6 asks and turns it into the matching exit status.
func report(_ error: CompError) -> ExitCode {
    TerminalProgress.shared.finish()
    fputs(error.description + "\n", stderr)
    return ExitCode(error.exitStatus)
}
