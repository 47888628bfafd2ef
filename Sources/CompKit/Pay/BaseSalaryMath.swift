/// Base salary per pay month (§3.8).
public enum BaseSalaryMath {
    /// `round(annual / 12 × active_days / days_in_month)`, computed exactly and rounded once.
    public static func monthly(annual: ExactDecimal, activeDays: Int, daysInMonth: Int, currency: Currency) -> ExactDecimal {
        ExactDecimal.quotient(annual * ExactDecimal(activeDays), ExactDecimal(12 * daysInMonth), scale: currency.minorUnits)
    }
}
