import Testing
@testable import CompKit

@Suite struct CommissionMathTests {
    /// §2.1's new-business tiers on a quarter's quota of 150000: bounds 0, 75000, 150000, 225000.
    static let quota = dec("150000")

    static func earned(_ method: RateTable.Method, _ basis: RateTable.Basis, _ tiers: [(String, String)], credited: String,
                       quota: ExactDecimal = quota, cap: String? = nil, currency: Currency = .usd) -> ExactDecimal {
        let component = Fixture.component("c", table: Fixture.table(method, basis, tiers), cap: cap)
        return CommissionMath.earned(component: component, credited: dec(credited), quota: quota, currency: currency)
    }

    @Test func attainmentBoundsAreFractionsOfQuota() {
        let table = Fixture.table(.graduated, .attainment, Fixture.aeTiers)
        // 0 × 150000, 0.5 × 150000, 1.0 × 150000, 1.5 × 150000
        #expect(CommissionMath.lowerBounds(of: table, quota: Self.quota) == [dec("0"), dec("75000"), dec("150000"), dec("225000")])
        let amounts = Fixture.table(.retroactive, .amount, [("0", "0.02"), ("50000", "0.03")])
        #expect(CommissionMath.lowerBounds(of: amounts, quota: Self.quota) == [dec("0"), dec("50000")])  // as written
    }

    @Test(arguments: [
        ("75000", "0.00"),       // up to 0.5 × Q the rate is 0
        ("100000", "2000.00"),   // 0.08 × (100000 − 75000) = 2000.00
        ("150000", "6000.00"),   // exactly at 1.0: 0.08 × (150000 − 75000) = 6000.00, nothing at 12 % yet
        ("180000", "9600.00"),   // 0.08 × 75000 + 0.12 × (180000 − 150000) = 6000 + 3600 = 9600.00
        ("225000", "15000.00"),  // exactly at 1.5: 6000 + 0.12 × 75000 = 6000 + 9000 = 15000.00
        ("240000", "17250.00"),  // 6000 + 9000 + 0.15 × (240000 − 225000) = 15000 + 2250 = 17250.00
        ("75000.01", "0.00"),    // 0.08 × 0.01 = 0.0008 → 0.00
        ("75000.07", "0.01"),    // 0.08 × 0.07 = 0.0056 → 0.01
    ])
    func graduatedOnAttainment(credited: String, expected: String) {
        #expect(Self.earned(.graduated, .attainment, Fixture.aeTiers, credited: credited) == dec(expected))
    }

    @Test(arguments: [
        ("70000", "0.00"),          // highest tier reached: from 0, rate 0
        ("75000", "6000.00"),       // exactly 0.5 × Q: 0.08 × 75000 = 6000.00
        ("149999.99", "12000.00"),  // still 8 %: 0.08 × 149999.99 = 11999.9992 → 12000.00
        ("150000", "18000.00"),     // exactly 1.0 × Q: 0.12 × 150000 on all credit = 18000.00
        ("180000", "21600.00"),     // 0.12 × 180000 = 21600.00
        ("240000", "36000.00"),     // 0.15 × 240000 = 36000.00
    ])
    func retroactiveOnAttainment(credited: String, expected: String) {
        #expect(Self.earned(.retroactive, .attainment, Fixture.aeTiers, credited: credited) == dec(expected))
    }

    static let renewalTiers = [("0", "0.02"), ("50000", "0.03")]

    @Test(arguments: [
        (RateTable.Method.retroactive, "40000", "800.00"),   // 0.02 × 40000
        (.retroactive, "50000", "1500.00"),                   // at the boundary: 0.03 × 50000
        (.retroactive, "60000", "1800.00"),                   // 0.03 × 60000
        (.graduated, "50000", "1000.00"),                     // 0.02 × 50000
        (.graduated, "60000", "1300.00"),                     // 0.02 × 50000 + 0.03 × 10000 = 1000 + 300
        (.graduated, "100.25", "2.01"),                       // 0.02 × 100.25 = 2.005 → 2.01 (half away from zero)
    ])
    func onAmountBasisTheBoundsAreAmounts(method: RateTable.Method, credited: String, expected: String) {
        // The quota plays no part on amount basis: the same with quota 0.
        #expect(Self.earned(method, .amount, Self.renewalTiers, credited: credited, quota: .zero) == dec(expected))
    }

    @Test(arguments: ["0", "-5000"])
    func nothingIsEarnedOnZeroOrNegativeCredit(credited: String) {
        // Without the rule, 2 % of −5000 would be −100.
        #expect(Self.earned(.retroactive, .amount, Self.renewalTiers, credited: credited) == .zero)
        #expect(Self.earned(.graduated, .amount, Self.renewalTiers, credited: credited) == .zero)
    }

    @Test func capLimitsTheCommissionOfThePeriod() {
        // uncapped 17250.00 (see above) → min(17250, 10000) = 10000.00
        #expect(Self.earned(.graduated, .attainment, Fixture.aeTiers, credited: "240000", cap: "10000") == dec("10000.00"))
        // 9600.00 < 10000: the cap does not bite
        #expect(Self.earned(.graduated, .attainment, Fixture.aeTiers, credited: "180000", cap: "10000") == dec("9600.00"))
    }

    @Test func roundsToThePlanCurrency() {
        // JPY: 0.08 × 12345 = 987.6 → 988
        #expect(Self.earned(.retroactive, .amount, [("0", "0.08")], credited: "12345", currency: .jpy) == dec("988"))
        // USD: 0.015 × 1.00 = 0.015 → 0.02 (half away from zero)
        #expect(Self.earned(.retroactive, .amount, [("0", "0.015")], credited: "1.00") == dec("0.02"))
    }

    @Test func attainmentIsCreditOverQuotaToSixDecimals() {
        #expect(CommissionMath.attainment(credited: dec("180000"), quota: Self.quota) == dec("1.200000"))  // 180000 / 150000
        #expect(CommissionMath.attainment(credited: dec("100000"), quota: dec("300000")) == dec("0.333333"))  // 0.3333333…
        #expect(CommissionMath.attainment(credited: dec("200000"), quota: dec("300000")) == dec("0.666667"))  // 0.6666666…
        #expect(CommissionMath.attainment(credited: dec("-80000"), quota: Self.quota) == dec("-0.533333"))  // −0.5333333…
        #expect(CommissionMath.attainment(credited: dec("5000"), quota: .zero) == nil)
    }
}
