/// What a run does beyond computing payroll: add what-if deals, flag variance.
public struct RunOptions {
    /// Deals that are in no file, credited after the files' deals (`comp estimate`).
    public var whatIfDeals: [Deal]
    /// When variance.csv flags a change (`comp run --threshold-pct/--threshold-amount`).
    public var varianceThresholds = VarianceReport.Thresholds.standard

    public init(whatIfDeals: [Deal] = []) {
        self.whatIfDeals = whatIfDeals
    }
}
