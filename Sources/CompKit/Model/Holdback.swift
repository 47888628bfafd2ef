/// Part of a component's commission kept back and paid at the end of the quota period or the
/// fiscal year, forfeited by a person who has left by then (§3.11).
public struct Holdback: Sendable {
    public enum Release: String, Sendable {
        /// In the last month of each quota period.
        case period
        /// In the last month of the fiscal year.
        case year
    }

    /// The share of each month's commission held, in percent: (0, 100].
    public var percent: ExactDecimal
    public var release: Release

    public init(percent: ExactDecimal, release: Release) {
        self.percent = percent
        self.release = release
    }
}
