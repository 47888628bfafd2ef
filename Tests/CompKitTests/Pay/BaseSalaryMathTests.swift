import Testing
@testable import CompKit

@Suite struct BaseSalaryMathTests {
    @Test(arguments: [
        ("60000", 30, 30, Currency.usd, "5000.00"),   // 60000 / 12
        ("60000", 15, 30, .usd, "2500.00"),           // from the 16th of a 30-day month: 60000 / 12 × 15 / 30
        ("50000", 31, 31, .usd, "4166.67"),           // 4166.666… → 4166.67
        ("50000", 17, 31, .usd, "2284.95"),           // 50000 × 17 / 372 = 850000 / 372 = 2284.946… → 2284.95
        ("6000000", 10, 31, .jpy, "161290"),          // 6000000 × 10 / 372 = 161290.32… → 161290
        ("60000", 0, 31, .usd, "0.00"),
    ])
    func monthlyBaseIsProratedByActiveDaysAndRoundedOnce(
        annual: String, activeDays: Int, daysInMonth: Int, currency: Currency, expected: String
    ) {
        #expect(BaseSalaryMath.monthly(annual: dec(annual), activeDays: activeDays, daysInMonth: daysInMonth, currency: currency)
                == dec(expected))
    }
}
