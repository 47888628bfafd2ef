/// SPIFF amounts per credit (§3.7 and §7).
public enum SpiffMath {
    /// The SPIFF of one own credit: `round(perDeal × percent / 100)` or `round(rate × credit)`.
    /// For a chargeback (`isReversal`) the same amount on `|credit|`, negated.
    public static func amount(
        _ spiff: Spiff, percent: ExactDecimal, credit: ExactDecimal, isReversal: Bool, currency: Currency
    ) -> ExactDecimal {
        let positive: ExactDecimal
        switch spiff.payout {
        case .perDeal(let perDeal):
            positive = ExactDecimal.quotient(perDeal * percent, ExactDecimal(100), scale: currency.minorUnits)
        case .rate(let rate):
            positive = currency.round(rate * credit.magnitude)
        }
        return isReversal ? -positive : positive
    }
}
