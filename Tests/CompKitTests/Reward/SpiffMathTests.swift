import Testing
@testable import CompKit

@Suite struct SpiffMathTests {
    static let perDeal = Spiff(id: "push", payout: .perDeal(dec("500")))
    static let onCredit = Spiff(id: "rate", payout: .rate(dec("0.01")))

    static func amount(_ spiff: Spiff, percent: String, credit: String = "0", reversal: Bool = false,
                       currency: Currency = .usd) -> ExactDecimal {
        SpiffMath.amount(spiff, percent: dec(percent), credit: dec(credit), isReversal: reversal, currency: currency)
    }

    @Test func perDealTimesTheSplitShare() {
        #expect(Self.amount(Self.perDeal, percent: "100") == dec("500.00"))
        #expect(Self.amount(Self.perDeal, percent: "60") == dec("300.00"))     // 500 × 60 / 100
        #expect(Self.amount(Self.perDeal, percent: "33.33") == dec("166.65"))  // 500 × 33.33 / 100 = 166.65
        #expect(Self.amount(Self.perDeal, percent: "33.34") == dec("166.70"))  // 500 × 33.34 / 100 = 166.70
        // 0.05 × 50 / 100 = 0.025 → 0.03 (half away from zero)
        #expect(Self.amount(Spiff(id: "tiny", payout: .perDeal(dec("0.05"))), percent: "50") == dec("0.03"))
        // JPY: 1000 × 33.33 / 100 = 333.3 → 333
        #expect(Self.amount(Spiff(id: "yen", payout: .perDeal(dec("1000"))), percent: "33.33", currency: .jpy) == dec("333"))
    }

    @Test func rateTimesTheCredit() {
        // 0.01 × 12345.67 = 123.4567 → 123.46; the percent is already inside the credit
        #expect(Self.amount(Self.onCredit, percent: "60", credit: "12345.67") == dec("123.46"))
    }

    @Test func aChargebackGivesTheSameAmountNegated() {
        #expect(Self.amount(Self.perDeal, percent: "60", credit: "-12000", reversal: true) == dec("-300.00"))
        // round(0.01 × |−12345.67|) = 123.46, negated
        #expect(Self.amount(Self.onCredit, percent: "60", credit: "-12345.67", reversal: true) == dec("-123.46"))
    }
}
