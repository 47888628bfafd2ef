import Testing
@testable import CompKit

/// The month-to-month arithmetic of §3.5 and §3.6 on the shared AccountExecutive scenario:
/// new-business quota 150000 a quarter, graduated 0 / 8 % from 75000 / 12 % from 150000 / 15 % from 225000.
@Suite struct ComponentMeasureTests {
    let april = AccountExecutive.run("2026-04")

    func measure(_ component: String = "new-business", month: Int) -> ComponentMeasure {
        april.measure("R1", on: "2026-01-01", component, month: month)
    }

    @Test func firstMonthOfTheQuarterHasNoPrior() {
        let january = measure(month: 1)
        #expect(january.quotaPeriodLabel == "FY2026-Q1")
        #expect(january.quota == dec("150000.00"))         // 600000 / 4
        #expect(january.creditedToDate == dec("90000"))    // D1
        #expect(january.attainment == dec("0.600000"))     // 90000 / 150000
        #expect(january.earnedToDate == dec("1200.00"))    // 0.08 × (90000 − 75000)
        #expect(january.earnedPrior == .zero)              // first month of Q1
        #expect(january.commission == dec("1200.00"))
    }

    @Test func commissionIsTheDifferenceOfEarnedToDate() {
        let february = measure(month: 2)
        #expect(february.creditedToDate == dec("170000"))  // 90000 + 80000
        #expect(february.attainment == dec("1.133333"))    // 170000 / 150000 = 1.1333…
        #expect(february.earnedToDate == dec("8400.00"))   // 0.08 × 75000 + 0.12 × (170000 − 150000) = 6000 + 2400
        #expect(february.earnedPrior == dec("1200.00"))    // January's earned(q, m)
        #expect(february.commission == dec("7200.00"))     // 8400 − 1200
    }

    @Test func aChargebackMakesANegativeDifference() {
        let march = measure(month: 3)
        #expect(march.creditedToDate == dec("90000"))      // 170000 − 80000 (D2 charged back on Mar 20)
        #expect(march.earnedToDate == dec("1200.00"))      // 0.08 × (90000 − 75000)
        #expect(march.earnedPrior == dec("8400.00"))
        #expect(march.commission == dec("-7200.00"))       // 1200 − 8400: a clawback
    }

    @Test func aNewQuarterStartsFromZero() {
        let april = measure(month: 4)
        #expect(april.quotaPeriod == 2 && april.quotaPeriodLabel == "FY2026-Q2")
        #expect(april.creditedToDate == dec("100000"))     // D4 only: Q1's credit does not carry over
        #expect(april.earnedToDate == dec("2000.00"))      // 0.08 × (100000 − 75000)
        #expect(april.earnedPrior == .zero)                // first month of Q2
        #expect(april.commission == dec("2000.00"))
    }

    @Test func monthsMeasuredAloneStillCountTheCreditBeforeThem() {
        // A statement measures its month and the month before, not the year: March alone still
        // adds January's and February's credit, and takes February's earnings as its prior.
        let march = april.measures("R1", on: "2026-01-01", "new-business", months: 3...3)
        #expect(march.count == 1)
        #expect(march[0].creditedToDate == dec("90000"))    // 90000 + 80000 − 80000
        #expect(march[0].earnedPrior == dec("8400.00"))     // February: 6000 + 2400
        #expect(march[0].commission == dec("-7200.00"))     // 1200 − 8400
        #expect(march[0].bonus == dec("-2500"))             // reached in February, lost in March
        // Across a quarter's end: April starts again from 0.
        let marchAndApril = april.measures("R1", on: "2026-01-01", "new-business", months: 3...4)
        #expect(marchAndApril.map(\.creditedToDate) == [dec("90000"), dec("100000")])
        #expect(marchAndApril.map(\.earnedPrior) == [dec("8400.00"), .zero])
        #expect(marchAndApril.map(\.commission) == [dec("-7200.00"), dec("2000.00")])
    }

    @Test func bonusIsPaidWhenReachedAndReversedByAChargeback() {
        #expect(measure(month: 1).bonus == .zero)               // 0.6 < 1.0
        #expect(measure(month: 2).bonus == dec("2500"))         // 1.1333 ≥ 1.0: 2500 − 0
        #expect(measure(month: 3).bonusToDate == .zero)         // 0.6 again
        #expect(measure(month: 3).bonus == dec("-2500"))        // 0 − 2500: reversed the next month
    }

    @Test func amountBasisWithoutQuota() {
        let march = measure("renewals", month: 3)
        #expect(march.quota == .zero && march.attainment == nil)
        #expect(march.creditedToDate == dec("60000"))           // D3
        #expect(march.earnedToDate == dec("1800.00"))           // retroactive: 0.03 × 60000
        #expect(march.earnedPrior == .zero)                     // nothing credited through February
        #expect(march.commission == dec("1800.00"))
    }

    @Test func proratedQuotaOfAnEntryHiredInsideTheQuarter() {
        let r2 = april.measure("R2", on: "2026-01-15", "new-business", month: 2)
        // 150000 × 76 / 90 = 126666.666… → 126666.67 (hired Jan 15: 17 + 28 + 31 = 76 of 90 days)
        #expect(r2.quota == dec("126666.67"))
        #expect(r2.creditedToDate == .zero && r2.attainment == dec("0.000000") && r2.commission == .zero)
    }

    @Test func capIsAppliedToEarnedToDate() {
        var plan = AccountExecutive.plan
        plan.components[0].cap = dec("5000")
        let scenario = Scenario(month: "2026-02", plans: [plan], deals: AccountExecutive.deals)
        let february = scenario.measure("R1", on: "2026-01-01", "new-business", month: 2)
        #expect(february.earnedToDate == dec("5000.00"))   // min(8400, 5000)
        #expect(february.commission == dec("3800.00"))     // 5000 − 1200
    }
}
