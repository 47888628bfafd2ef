/// A component's holdback month by month (§3.11): what is held of each month's commission, and
/// when the held amounts are released.
public enum HoldbackMath {
    /// `round(commission × percent / 100)` in the plan currency: negative when the commission is
    /// (a clawback month gives some of the holdback back).
    public static func held(commission: ExactDecimal, percent: ExactDecimal, currency: Currency) -> ExactDecimal {
        currency.round(commission * percent * ExactDecimal(mantissa: 1, scale: 2))
    }

    /// Whether fiscal month `month` releases what was held: the last month of its quota period, or
    /// of the fiscal year for `release="year"`.
    public static func isReleaseMonth(_ month: Int, release: Holdback.Release, quotaPeriod: Plan.QuotaPeriodKind) -> Bool {
        switch release {
        case .period: return month % quotaPeriod.monthsPerPeriod == 0
        case .year: return month == 12
        }
    }
}
