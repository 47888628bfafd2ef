/// Why the ledger cannot be used as asked (exit status 3); comp leaves it as it was.
public enum LedgerFailure: Sendable, Hashable, CustomStringConvertible {
    /// The file is not an SQLite database.
    case notSQLite(path: String)
    /// An SQLite database of another application.
    case otherApplication(path: String)
    /// Written by a newer schema than this comp knows.
    case newerVersion(path: String)
    /// No ledger at the path (only `comp close` creates one).
    case missing(path: String)
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// Closing a period failed and was rolled back.
    case closeFailed(path: String, period: YearMonth, reason: String)
    /// Periods close in order: `open` must be closed before `closing`.
    case outOfOrder(open: YearMonth, closing: YearMonth)

    public var description: String {
        switch self {
        case .notSQLite(let path): return "\(path) is not a comp ledger (not an SQLite database); comp leaves it as it is"
        case .otherApplication(let path):
            return "\(path) is not a comp ledger (an SQLite file of another application); comp leaves it as it is"
        case .newerVersion(let path): return "\(path) was written by a newer version of comp; this version will not change it"
        case .missing(let path): return "\(path): no ledger here (comp close creates it)"
        case .cannotOpen(let path, let reason): return "\(path): cannot open the ledger: \(reason)"
        case .cannotRead(let path, let reason): return "\(path): cannot read the ledger: \(reason)"
        case .closeFailed(let path, let period, let reason): return "\(path): closing \(period) failed, the ledger is unchanged: \(reason)"
        case .outOfOrder(let open, let closing):
            return "\(open) is still open: the periods of a fiscal year close in order, so close \(open) before \(closing)"
        }
    }
}
