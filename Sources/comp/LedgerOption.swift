import ArgumentParser
import CompKit
#if canImport(Glibc)
import Glibc
#endif

/// `--ledger F`: the payment ledger (§3.10), by default `out/ledger.sqlite`.
struct LedgerOption: ParsableArguments {
    static let defaultPath = "out/ledger.sqlite"

    @Option(help: ArgumentHelp("The payment ledger (default out/ledger.sqlite).", valueName: "file"))
    var ledger: String?

    var path: String { ledger ?? LedgerOption.defaultPath }
}
