import Testing
@testable import CompKit

/// Holdbacks (§3.11) worked by hand on plan HB-2026: USD, quarterly, one component "all" paying a
/// flat 10 % of the credited amount (graduated, amount basis), 25 % of each month's commission held
/// and released at the end of the quarter; clawback window 90 days.
///
/// - R1 all quarter: D1 2026-01-10 10000.00; D2 2026-02-05 20001.00, cancelled 2026-03-10 (inside
///   the window); D3 2026-03-20 3333.33.
/// - R2 leaves on 2026-03-15: D4 2026-01-20 4000.00.
/// - R3 moves on 2026-02-16 to plan OTHER-2026 (EUR, no holdback): D5 2026-01-25 1000.00.
@Suite struct HoldbackTests {
    static let tenPercent = Fixture.table(.graduated, .amount, [("0", "0.1")])

    static func plan(quotaPeriod: Plan.QuotaPeriodKind = .quarter, release: Holdback.Release = .period) -> Plan {
        Fixture.plan(
            "HB-2026", quotaPeriod: quotaPeriod,
            components: [Component(id: "all", rateTable: tenPercent, holdback: Holdback(percent: dec("25"), release: release))],
            participants: [
                Fixture.person("R1"),
                Fixture.person("R2", end: "2026-03-15"),
                Fixture.person("R3", end: "2026-02-15"),
            ])
    }

    static let other = Fixture.plan("OTHER-2026", currency: .eur, components: [Component(id: "all", rateTable: tenPercent)],
                                    participants: [Fixture.person("R3", start: "2026-02-16")])

    static let deals = [
        Fixture.deal("D1", closed: "2026-01-10", amount: "10000.00"),
        Fixture.deal("D2", closed: "2026-02-05", amount: "20001.00", cancelled: "2026-03-10"),
        Fixture.deal("D3", closed: "2026-03-20", amount: "3333.33"),
        Fixture.deal("D4", closed: "2026-01-20", amount: "4000.00", reps: "R2"),
        Fixture.deal("D5", closed: "2026-01-25", amount: "1000.00", reps: "R3"),
    ]

    static func run(_ month: String, _ plan: Plan = plan(), paid: [PaymentLedger.Payment]? = nil) -> Scenario {
        Scenario(month: month, plans: [plan, other], deals: deals, paid: paid)
    }

    @Test func heldEachMonthAndReleasedAtTheQuarterEnd() {
        let march = Self.run("2026-03")
        #expect(march.lines("R1", on: "2026-01-01", month: 1) == [
            line(.commission, "all", "1000.00"),  // 10 % of 10000.00
            line(.holdback, "all", "-250.00"),    // 25 % of 1000.00
        ])
        #expect(march.lines("R1", on: "2026-01-01", month: 2) == [
            line(.commission, "all", "2000.10"),  // 10 % of 30001.00 = 3000.10, less 1000.00
            line(.holdback, "all", "-500.03"),    // 25 % of 2000.10 = 500.025, half away from zero
        ])
        #expect(march.lines("R1", on: "2026-01-01", month: 3) == [
            // C = 30001.00 − 20001.00 (chargeback) + 3333.33 = 13333.33: earned 1333.333 → 1333.33;
            // commission 1333.33 − 3000.10 = −1666.77, a clawback month.
            line(.commission, "all", "-1666.77"),
            line(.holdback, "all", "416.69"),           // held round(−416.6925) = −416.69, paid back
            line(.holdbackRelease, "all", "333.34"),    // 250.00 + 500.03 − 416.69
        ])
    }

    @Test func aLeaverForfeitsTheRelease() {
        let march = Self.run("2026-03")
        #expect(march.lines("R2", on: "2026-01-01", month: 1) == [
            line(.commission, "all", "400.00"), line(.holdback, "all", "-100.00"),
        ])
        #expect(march.lines("R2", on: "2026-01-01", month: 3).isEmpty)  // left 2026-03-15: no release
        #expect(march.schedule.forfeits.count == 1)
        let forfeit = march.schedule.forfeits[0]
        #expect(march.book.entry(forfeit.entry).id == "R2")
        #expect(forfeit.amount == dec("100.00") && forfeit.releaseDay == day("2026-03-31"))
        #expect(forfeit.exceptionRow(book: march.book).reason
            == "holdback of 100.00 USD on component all of plan HB-2026 forfeited: R2 has no plan entry active on the release day 2026-03-31")
    }

    @Test func anEndedEntryReleasesInItsOwnPlanAndCurrencyWhileThePersonStays() {
        let march = Self.run("2026-03")
        #expect(march.lines("R3", on: "2026-01-01", month: 1) == [
            line(.commission, "all", "100.00"), line(.holdback, "all", "-25.00"),
        ])
        #expect(march.lines("R3", on: "2026-01-01", month: 3) == [line(.holdbackRelease, "all", "25.00")])
        let r3 = march.payroll.rows.filter { $0.key.employeeID == "R3" }
        #expect(r3.map { "\($0.key.payType.label) \($0.key.currency.code) \($0.amount)" } == ["HOLDBACK_RELEASE USD 25.00"])
    }

    @Test func whatIsHeldAtTheMonthEndIsALiabilityPerCurrency() {
        // February: R1 250.00 + 500.03, R2 100.00, R3 25.00.
        #expect(Self.run("2026-02").schedule.heldAtMonthEnd == [.usd: dec("875.03")])
        // March: every holdback of the quarter released or forfeited.
        #expect(Self.run("2026-03").schedule.heldAtMonthEnd.isEmpty)
    }

    @Test func aYearlyReleaseWaitsForTheLastFiscalMonth() {
        let march = Self.run("2026-03", Self.plan(release: .year))
        #expect(!march.lines("R1", on: "2026-01-01", month: 3).contains { $0.type == .holdbackRelease })
        #expect(march.schedule.heldAtMonthEnd == [.usd: dec("458.34")])  // R1 333.34 + R2 100.00 + R3 25.00
        #expect(march.schedule.forfeits.isEmpty)
    }

    @Test func aMonthlyPeriodHoldsAndReleasesInTheSameMonth() {
        let january = Self.run("2026-01", Self.plan(quotaPeriod: .month))
        #expect(january.lines("R1", on: "2026-01-01", month: 1) == [
            line(.commission, "all", "1000.00"), line(.holdback, "all", "-250.00"), line(.holdbackRelease, "all", "250.00"),
        ])
    }

    @Test func aClosedMonthPaidOnOldNumbersIsAdjustedLikeEveryPayType() {
        // February was closed before D2 was known in full: COMMISSION 1500.00, HOLDBACK −375.00 paid.
        func paid(_ period: String, _ type: PayType, _ amount: String) -> PaymentLedger.Payment {
            PaymentLedger.Payment(period: month(period), key: PayKey(employeeID: "R1", payType: type, component: "all", currency: .usd),
                                  amount: dec(amount))
        }
        let march = Self.run("2026-03", paid: [
            paid("2026-01", .commission, "1000.00"), paid("2026-01", .holdback, "-250.00"),
            paid("2026-02", .commission, "1500.00"), paid("2026-02", .holdback, "-375.00"),
        ])
        let holdback = march.payroll.rows.first { $0.key.employeeID == "R1" && $0.key.payType == .holdback }
        // payable = Σ computed (−250.00 − 500.03 + 416.69) − Σ paid (−250.00 − 375.00) = 291.66;
        // computed in March 416.69, so −125.03 corrects February.
        #expect(holdback?.amount == dec("291.66"))
        #expect(holdback?.priorAdjustment == dec("-125.03"))
        let release = march.payroll.rows.first { $0.key.employeeID == "R1" && $0.key.payType == .holdbackRelease }
        #expect(release?.amount == dec("333.34") && release?.priorAdjustment == .zero)
    }

    @Test func heldIsRoundedHalfAwayFromZero() {
        #expect(HoldbackMath.held(commission: dec("0.02"), percent: dec("25"), currency: .usd) == dec("0.01"))   // 0.005
        #expect(HoldbackMath.held(commission: dec("-0.02"), percent: dec("25"), currency: .usd) == dec("-0.01"))
        #expect(HoldbackMath.held(commission: dec("1001"), percent: dec("12.5"), currency: .jpy) == dec("125"))  // 125.125
    }
}
