import Testing
@testable import CompKit

/// The finance reports' checked arithmetic: wider than 128 bits in the middle, never a trap.
@Suite struct FinanceArithmeticTests {
    @Test func productsRoundHalfAwayFromZero() {
        // 1.5 × 1.5 = 2.25 → 2; 0.5 × 1 = 0.5 → 1; −0.5 → −1; 0.25 × 0.1 = 0.025 → 0.03 at two decimals.
        #expect(FinanceArithmetic.product(dec("1.5"), dec("1.5"), roundedTo: 0) == ExactDecimal(2))
        #expect(FinanceArithmetic.product(dec("0.5"), ExactDecimal(1), roundedTo: 0) == ExactDecimal(1))
        #expect(FinanceArithmetic.product(dec("-0.5"), ExactDecimal(1), roundedTo: 0) == ExactDecimal(-1))
        #expect(FinanceArithmetic.product(dec("0.25"), dec("0.1"), roundedTo: 2) == dec("0.03"))
        // Fewer decimals than asked: widened, exact.
        #expect(FinanceArithmetic.product(dec("2.5"), dec("4"), roundedTo: 12)?.scale == 12)
    }

    @Test func aProductWiderThan128Bits() {
        // (10^27 − 1) × 10^-12 × 999999.999999: the mantissas multiply to about 10^39 (past 2^127 ≈
        // 1.7 × 10^38); the product is 999999999998999999999.999999000000000001, so 12 decimals
        // give …999999.999999000000 (the 10^-18 is dropped).
        let amount = ExactDecimal(mantissa: ExactDecimal.powerOfTen(27) - 1, scale: 12)
        let product = FinanceArithmetic.product(amount, dec("999999.999999"), roundedTo: 12)
        #expect(product?.description == "999999999998999999999.999999000000")
        // A result that cannot fit is nil, not a crash.
        #expect(FinanceArithmetic.product(ExactDecimal(mantissa: Int128.max, scale: 0), ExactDecimal(10), roundedTo: 0) == nil)
        #expect(FinanceArithmetic.sum(ExactDecimal(mantissa: Int128.max, scale: 0), ExactDecimal(1)) == nil)
        #expect(FinanceArithmetic.sum(dec("0.1"), dec("0.02")) == dec("0.12"))
    }

    @Test func hugePipelineAmountsAreAnInputError() throws {
        // 999999999999999.999999 EUR at probability 1 and a rate of 999999.999999 to USD is about
        // 10^21 USD: past 10^18, reported at the pipeline row (line 2), not a crash.
        let pipeline = """
            opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close
            OX,R1,2026-02-01,Commit,1,999999999999999.999999,EUR,2026-02-20

            """
        let fx = FinanceFixture.fx.replacingOccurrences(of: "2026-02,EUR,USD,1.1", with: "2026-02,EUR,USD,999999.999999")
        let diagnostics = FinanceFixture.refusal(
            "2026-02", files: ["pipeline.csv": pipeline, "fx.csv": fx, "deals.csv": "deal_id,close_date,amount,currency,type,reps\n"])
        #expect(diagnostics.map(\.location.line) == [2])
        #expect(diagnostics.first?.message.hasPrefix("an amount reaches 10^18") == true)
    }
}
