import Testing
@testable import CompKit

@Suite struct TierBreakdownTests {
    static func breakdown(_ method: RateTable.Method, _ basis: RateTable.Basis, _ tiers: [(String, String)], credited: String,
                          quota: String = "150000", cap: String? = nil) -> TierBreakdown {
        let component = Fixture.component("c", table: Fixture.table(method, basis, tiers), cap: cap)
        return TierBreakdown(component: component, credited: dec(credited), quota: dec(quota), currency: .usd)
    }

    /// (lower, upper, credit inside, rate paid, earned) of every band.
    static func lines(_ breakdown: TierBreakdown) -> [[ExactDecimal?]] {
        breakdown.bands.map { [$0.lower, $0.upper, $0.creditInside, $0.ratePaid, $0.earned] }
    }

    @Test func graduatedOnAttainmentPaysEachBandAtItsRate() {
        // Quota 150000, tiers 0 / 8 % from 0.5 / 12 % from 1.0 / 15 % from 1.5; C = 180000.
        let result = Self.breakdown(.graduated, .attainment, Fixture.aeTiers, credited: "180000")
        #expect(Self.lines(result) == [
            [dec("0"), dec("75000"), dec("75000"), dec("0"), dec("0")],               // 0 × Q to 0.5 × Q: 75000 at 0 %
            [dec("75000"), dec("150000"), dec("75000"), dec("0.08"), dec("6000")],    // 0.08 × 75000 = 6000
            [dec("150000"), dec("225000"), dec("30000"), dec("0.12"), dec("3600")],   // 0.12 × (180000 − 150000) = 3600
            [dec("225000"), nil, dec("0"), dec("0.15"), dec("0")],                    // not reached
        ])
        #expect(result.reachedTier == 3)
        #expect(result.uncapped == dec("9600"))   // 0 + 6000 + 3600 + 0
        #expect(result.earned == dec("9600.00"))
    }

    @Test func capComesBeforeRounding() {
        // Same C = 180000 with a cap of 9000: min(9600, 9000) = 9000.00.
        let result = Self.breakdown(.graduated, .attainment, Fixture.aeTiers, credited: "180000", cap: "9000")
        #expect(result.uncapped == dec("9600") && result.capped == dec("9000") && result.earned == dec("9000.00"))
    }

    @Test func retroactiveOnAmountPaysEveryBandAtTheReachedRate() {
        // Tiers 2 % from 0, 3 % from 50000; C = 60000 reaches tier 2, so 3 % pays both bands:
        // 0.03 × 50000 = 1500, 0.03 × 10000 = 300; 1500 + 300 = 1800 = 0.03 × 60000.
        let result = Self.breakdown(.retroactive, .amount, [("0", "0.02"), ("50000", "0.03")], credited: "60000")
        #expect(Self.lines(result) == [
            [dec("0"), dec("50000"), dec("50000"), dec("0.03"), dec("1500")],
            [dec("50000"), nil, dec("10000"), dec("0.03"), dec("300")],
        ])
        #expect(result.bands.map(\.rate) == [dec("0.02"), dec("0.03")])
        #expect(result.reachedTier == 2 && result.earned == dec("1800.00"))
    }

    @Test func retroactiveBelowTheSecondTier() {
        // C = 40000 stays in tier 1: 0.02 × 40000 = 800.00; the band above holds nothing.
        let result = Self.breakdown(.retroactive, .amount, [("0", "0.02"), ("50000", "0.03")], credited: "40000")
        #expect(Self.lines(result) == [
            [dec("0"), dec("50000"), dec("40000"), dec("0.02"), dec("800")],
            [dec("50000"), nil, dec("0"), dec("0.02"), dec("0")],
        ])
        #expect(result.reachedTier == 1 && result.earned == dec("800.00"))
    }

    @Test func roundingIsOnTheTotalOnly() {
        // Graduated on amount, 2 % then 3 % from 50000; C = 50000.25:
        // 0.02 × 50000 = 1000, 0.03 × 0.25 = 0.0075; 1000.0075 → 1000.01.
        let result = Self.breakdown(.graduated, .amount, [("0", "0.02"), ("50000", "0.03")], credited: "50000.25")
        #expect(result.bands.map(\.earned) == [dec("1000"), dec("0.0075")])
        #expect(result.uncapped == dec("1000.0075") && result.earned == dec("1000.01"))
    }

    @Test(arguments: ["0", "-2500"])
    func nothingIsEarnedWithoutPositiveCredit(_ credited: String) {
        for method in [RateTable.Method.graduated, .retroactive] {
            let result = Self.breakdown(method, .attainment, Fixture.aeTiers, credited: credited)
            #expect(result.reachedTier == nil && result.bands.allSatisfy { $0.creditInside.isZero } && result.earned.isZero)
        }
    }

    /// The bands always add up to the engine's own tier math, whatever the credit.
    @Test(arguments: ["1", "74999.99", "75000", "150000", "150000.01", "224999.99", "225000", "987654.32"])
    func bandsAddUpToTheCommissionMath(_ credited: String) {
        for method in [RateTable.Method.graduated, .retroactive] {
            let table = Fixture.table(method, .attainment, Fixture.aeTiers)
            let result = Self.breakdown(method, .attainment, Fixture.aeTiers, credited: credited)
            #expect(result.uncapped == CommissionMath.uncappedEarned(table: table, credited: dec(credited), quota: dec("150000")))
        }
    }
}
