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
                printToStandardError(fullMessage(for: error))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Prints a failure the way §6 asks and turns it into the matching exit status.
func report(_ error: CompError) -> ExitCode {
    TerminalProgress.shared.finish()
    printToStandardError(error.description)
    return ExitCode(error.exitStatus)
}

/// Writes a line to standard error (through the file descriptor: C's `stderr` is a shared mutable
/// global, which Swift 6 will not let a command touch).
func printToStandardError(_ line: String) {
    let bytes = Array(line.utf8) + [UInt8(ascii: "\n")]
    bytes.withUnsafeBytes { raw in
        var written = 0
        while written < raw.count {
            let count = write(2, raw.baseAddress! + written, raw.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }
}
