/// A component's holdback month by month (§3.11): what is held of each month's commission, and
/// when the held amounts are released.
public enum HoldbackMath {
    /// `round(commission × percent / 100)` in the plan currency: negative when the commission is
    /// (a clawback month gives some of the holdback back).
    public static func held(commission: ExactDecimal, percent: ExactDecimal, currency: Currency) -> ExactDecimal {
        currency.round(commission * percent * ExactDecimal(mantissa: 1, scale: 2))
    }

    /// The fiscal months whose held amounts fiscal month `month` belongs with: its quota period, or
    /// the fiscal year for `release="year"`. The last of them is the release month.
    public static func window(of month: Int, release: Holdback.Release, quotaPeriod: Plan.QuotaPeriodKind) -> ClosedRange<Int> {
        switch release {
        case .period:
            let first = (month - 1) / quotaPeriod.monthsPerPeriod * quotaPeriod.monthsPerPeriod + 1
            return first...(first + quotaPeriod.monthsPerPeriod - 1)
        case .year:
            return 1...12
        }
    }
}
