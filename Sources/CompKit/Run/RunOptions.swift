/// What a run does beyond computing payroll: add what-if deals and payments, flag variance.
public struct RunOptions {
    /// Deals that are in no file, credited after the files' deals (`comp estimate`).
    public var whatIfDeals: [Deal]
    /// Payments that are in no file, credited after payments.csv's (`comp estimate --add-payment`).
    public var whatIfPayments: Payments?
    /// When variance.csv flags a change (`comp run --threshold-pct/--threshold-amount`).
    public var varianceThresholds = VarianceReport.Thresholds.standard
    /// Whether the run's files or manifest will be made (`comp run`, `comp close`): credits.csv's
    /// row order and the inputs' checksums are then worked out on the idle core while the month is
    /// computed, instead of when the files are written.
    public var preparesOutput = false

    public init(whatIfDeals: [Deal] = [], whatIfPayments: Payments? = nil) {
        self.whatIfDeals = whatIfDeals
        self.whatIfPayments = whatIfPayments
    }
}
