import Testing
@testable import CompKit

/// §3.1's credit formula: the exact share, then `CreditWorker.rounded` to the plan currency's minor unit.
@Suite struct CreditMathTests {
    @Test func exactShareAndRoundedCredit() {
        // 100.01 × 1 × 50 / 100 = 50.005 → 50.01 (half away from zero).
        let half = CreditMath.convertedShare(amount: dec("100.01"), rate: ExactDecimal(1), percent: dec("50"))
        #expect(half == dec("50.005") && CreditWorker.rounded(half, decimals: 2) == 5001)
        #expect(CreditWorker.rounded(-half, decimals: 2) == -5001)
        // 2000 EUR × 1.0862 × 33.33 / 100 = 724.06092 → 724.06 USD; in JPY decimals 724.
        let share = CreditMath.convertedShare(amount: dec("2000"), rate: dec("1.0862"), percent: dec("33.33"))
        #expect(share == dec("724.06092"))
        #expect(CreditWorker.rounded(share, decimals: 2) == 72406 && CreditWorker.rounded(share, decimals: 0) == 724)
    }
}
