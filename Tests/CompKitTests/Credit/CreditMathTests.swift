import Testing
@testable import CompKit

/// §3.1's credit formula, shared by the credit stage and the finance reports.
@Suite struct CreditMathTests {
    @Test func exactShareAndRoundedCredit() {
        // 100.01 × 1 × 50 / 100 = 50.005 → 50.01 (half away from zero).
        #expect(CreditMath.convertedShare(amount: dec("100.01"), rate: ExactDecimal(1), percent: dec("50")) == dec("50.005"))
        #expect(CreditMath.credit(amount: dec("100.01"), rate: ExactDecimal(1), percent: dec("50"), currency: .usd) == dec("50.01"))
        // 2000 EUR × 1.0862 × 33.33 / 100 = 724.06092 → 724.06 USD; in JPY decimals 724.
        #expect(CreditMath.convertedShare(amount: dec("2000"), rate: dec("1.0862"), percent: dec("33.33")) == dec("724.06092"))
        #expect(CreditMath.credit(amount: dec("2000"), rate: dec("1.0862"), percent: dec("33.33"), currency: .usd) == dec("724.06"))
        #expect(CreditMath.credit(amount: dec("2000"), rate: dec("1.0862"), percent: dec("33.33"), currency: .jpy) == dec("724"))
    }
}
