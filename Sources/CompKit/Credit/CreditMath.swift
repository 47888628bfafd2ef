/// The credit formula of §3.1, shared by the credit stage and the finance reports that
/// recompute a deal's credits (forecast actuals, control totals).
public enum CreditMath {
    private static let hundredth = ExactDecimal(mantissa: 1, scale: 2)

    /// A split share converted into plan currency, exact (not rounded): `amount × fx × percent / 100`.
    public static func convertedShare(amount: ExactDecimal, rate: ExactDecimal, percent: ExactDecimal) -> ExactDecimal {
        amount * rate * percent * hundredth
    }

    /// `credit = round(amount × fx × percent / 100)`, half away from zero to the plan currency's minor unit.
    public static func credit(amount: ExactDecimal, rate: ExactDecimal, percent: ExactDecimal, currency: Currency) -> ExactDecimal {
        currency.round(convertedShare(amount: amount, rate: rate, percent: percent))
    }
}
