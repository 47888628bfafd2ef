/// The credit formula of §3.1: a split share of a deal in plan currency, before the credit stage
/// rounds it (`CreditWorker.rounded`).
public enum CreditMath {
    private static let hundredth = ExactDecimal(mantissa: 1, scale: 2)

    /// A split share converted into plan currency, exact (not rounded): `amount × fx × percent / 100`.
    public static func convertedShare(amount: ExactDecimal, rate: ExactDecimal, percent: ExactDecimal) -> ExactDecimal {
        amount * rate * percent * hundredth
    }
}
