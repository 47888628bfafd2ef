import Foundation

/// Why a command failed; each case maps to an exit status of §6.
public enum CompError: LocalizedError, CustomStringConvertible {
    /// The inputs are invalid (exit status 1); every problem is listed.
    case invalidInput([Diagnostic], more: Int)
    /// Reading or writing files failed (exit status 3).
    case io(IOFailure)
    /// The ledger cannot be used as asked (exit status 3): not a comp ledger, newer, out of order.
    case ledger(LedgerFailure)
    /// Closing a period again with other numbers than it was closed with (exit status 3).
    case ledgerConflict(period: YearMonth, differences: [String])

    public var exitStatus: Int32 {
        switch self {
        case .invalidInput: return 1
        case .io, .ledger, .ledgerConflict: return 3
        }
    }

    /// What the command prints on stderr (`localizedDescription` gives the same).
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .invalidInput(let diagnostics, let more):
            var lines = diagnostics.map(\.description)
            if more > 0 { lines.append("… and \(more) more errors") }
            return lines.joined(separator: "\n")
        case .io(let failure):
            return "error: \(failure)"
        case .ledger(let failure):
            return "error: \(failure)"
        case .ledgerConflict(let period, let differences):
            return (["error: \(period) is closed with other numbers; a closed period is never rewritten. Differences:"]
                    + differences.map { "  " + $0 }).joined(separator: "\n")
        }
    }
}
