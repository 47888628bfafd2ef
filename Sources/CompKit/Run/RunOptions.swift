/// What a run does beyond computing payroll: keep credit rows for statements, add what-if deals,
/// let other parts (finance reports) see every deal as it streams past.
public struct RunOptions {
    /// Whose credit rows to keep for every date of the run (not only the run month), for statements.
    public enum Capture: Sendable {
        case none
        case all
        /// These participants' own rows and the roll-up rows they receive.
        case participants(Set<String>)

        var isNone: Bool {
            if case .none = self { return true }
            return false
        }
    }

    /// How deals are credited: `automatic` takes the parallel pass for clean CSV deals when
    /// nothing needs the deals one by one, and the simple pass otherwise.
    public enum CreditPass: Sendable {
        case automatic, simple
    }

    public var capture: Capture
    public var creditPass: CreditPass = .automatic
    /// Deals that are not in any file, credited after the files' deals (`comp estimate`).
    public var extraDeals: [Deal]
    /// Called with every valid deal read, in file order, before it is credited.
    public var dealObservers: [(Deal) -> Void]
    /// When variance.csv flags a change (`comp run --threshold-pct/--threshold-amount`).
    public var varianceThresholds = VarianceReport.Thresholds.standard

    public init(capture: Capture = .none, extraDeals: [Deal] = [], dealObservers: [(Deal) -> Void] = []) {
        self.capture = capture
        self.extraDeals = extraDeals
        self.dealObservers = dealObservers
    }
}
