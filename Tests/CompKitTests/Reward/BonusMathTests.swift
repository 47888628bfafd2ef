import Testing
@testable import CompKit

@Suite struct BonusMathTests {
    static let club = Bonus(id: "q-club", atLeast: dec("1.0"), amount: dec("2500"))
    static let over = Bonus(id: "over", atLeast: dec("1.2"), amount: dec("1000"))

    static func earned(_ credited: String, quota: String = "150000") -> ExactDecimal {
        BonusMath.earned(bonuses: [club, over], credited: dec(credited), quota: dec(quota))
    }

    @Test func earnedOnceAttainmentReachesTheLine() {
        #expect(Self.earned("149999.99") == .zero)       // 0.99999… < 1.0
        #expect(Self.earned("150000") == dec("2500"))    // exactly 1.0: q-club only
        #expect(Self.earned("179999.99") == dec("2500")) // 1.1999… < 1.2
    }

    @Test func severalBonusesAddUp() {
        // 180000 / 150000 = 1.2 ≥ 1.0 and ≥ 1.2: 2500 + 1000 = 3500
        #expect(Self.earned("180000") == dec("3500"))
    }

    @Test func noBonusWithoutQuota() {
        #expect(Self.earned("180000", quota: "0") == .zero)
    }
}
