import Testing
@testable import CompKit

/// §3.1: one credit per rep share, `round(amount × fx × percent / 100)` in plan currency.
@Suite struct CreditTests {
    static let team = [Fixture.person("R1"), Fixture.person("R2"), Fixture.person("R3")]

    static func january(_ deals: [Deal], plan: Plan = Fixture.plan("AE", participants: team),
                        rates: [(String, Currency, Currency, String)] = []) -> Scenario {
        Scenario(month: "2026-01", plans: [plan], deals: deals, rates: rates)
    }

    @Test func convertsThenSplits() throws {
        let scenario = Self.january(
            [Fixture.deal("D1", closed: "2026-01-20", amount: "1234.57", currency: .eur, reps: "R1:60;R2:40")],
            rates: [("2026-01", .eur, .usd, "1.0850"), ("2026-02", .eur, .usd, "1.2000")])
        // 1234.57 × 1.085 = 1339.50845; × 60 / 100 = 803.70507 → 803.71
        #expect(scenario.credited("R1", on: "2026-01-20", "all", months: 1...1) == dec("803.71"))
        // 1339.50845 × 40 / 100 = 535.80338 → 535.80
        #expect(scenario.credited("R2", on: "2026-01-20", "all", months: 1...1) == dec("535.80"))
        let row = try #require(scenario.rows(deal: "D1").first { $0.repID == "R1" })
        #expect(row.kind == .credit && row.component == "all" && row.creditDate == day("2026-01-20"))
        #expect(row.dealAmount == dec("1234.57") && row.dealCurrency == .eur)
        #expect(row.fxRate == dec("1.085") && row.percent == dec("60") && row.planCurrency == .usd)
    }

    @Test func splitResidualsAreNotRedistributed() throws {
        let scenario = Self.january([Fixture.deal("D1", closed: "2026-01-20", amount: "100.01", reps: "R1:50;R2:50")])
        // 100.01 × 50 / 100 = 50.005 → 50.01 for each: 100.02 credited for a 100.01 deal
        #expect(try scenario.rowCredit(rep: "R1", deal: "D1") == [dec("50.01")])
        #expect(try scenario.rowCredit(rep: "R2", deal: "D1") == [dec("50.01")])
    }

    @Test func aThreeWaySplit() throws {
        let scenario = Self.january([Fixture.deal("D1", closed: "2026-01-20", amount: "1000.01", reps: "R1:33.33;R2:33.33;R3:33.34")])
        // 1000.01 × 0.3333 = 333.303333 → 333.30 (twice); 1000.01 × 0.3334 = 333.403334 → 333.40
        // 333.30 + 333.30 + 333.40 = 1000.00: one cent short of the deal, not redistributed
        #expect(try scenario.rowCredit(rep: "R1", deal: "D1") == [dec("333.30")])
        #expect(try scenario.rowCredit(rep: "R2", deal: "D1") == [dec("333.30")])
        #expect(try scenario.rowCredit(rep: "R3", deal: "D1") == [dec("333.40")])
    }

    @Test func aPlanInYenRoundsToWholeYen() throws {
        let plan = Fixture.plan("JP", currency: .jpy, participants: Self.team)
        let scenario = Self.january([
            Fixture.deal("D1", closed: "2026-01-20", amount: "999.99", reps: "R1"),
            Fixture.deal("D2", closed: "2026-01-21", amount: "10001", currency: .jpy, reps: "R1:50;R2:50"),
        ], plan: plan, rates: [("2026-01", .usd, .jpy, "149.37")])
        // 999.99 × 149.37 = 149370 − 1.4937 = 149368.5063 → 149369
        #expect(try scenario.rowCredit(rep: "R1", deal: "D1") == [dec("149369")])
        // 10001 × 50 / 100 = 5000.5 → 5001 each
        #expect(try scenario.rowCredit(rep: "R1", deal: "D2") == [dec("5001")])
        #expect(try scenario.rowCredit(rep: "R2", deal: "D2") == [dec("5001")])
        #expect(scenario.credited("R1", on: "2026-01-20", "all", months: 1...1) == dec("154370"))  // 149369 + 5001
    }

    @Test func aCreditOutsideEveryEntryPaysNothingAndIsReported() throws {
        let plan = Fixture.plan("AE", participants: [Fixture.person("R1"), Fixture.person("R3", start: "2026-02-01")])
        let scenario = Self.january([Fixture.deal("D1", closed: "2026-01-20", amount: "1000", reps: "R1:50;R3:50")], plan: plan)
        #expect(try scenario.rowCredit(rep: "R1", deal: "D1") == [dec("500.00")])  // 1000 × 50 / 100
        #expect(try scenario.rows(deal: "D1").count == 1)
        #expect(scenario.credited("R3", on: "2026-02-01", "all", months: 1...12) == .zero)
        #expect(scenario.totals.exceptions.map(\.id) == ["D1"])
    }

    @Test func aCreditGoesToEveryMatchingOwnComponent() throws {
        let plan = Fixture.plan("AE", components: [
            Fixture.component("all"), Fixture.component("new-only", types: ["new"]),
            Fixture.component("renewal-only", types: ["renewal"]),
        ], participants: Self.team)
        let scenario = Self.january([
            Fixture.deal("D1", closed: "2026-01-05", amount: "1000"),
            Fixture.deal("D2", closed: "2026-01-06", amount: "500", type: "renewal"),
            Fixture.deal("D3", closed: "2026-01-07", amount: "200", type: "services"),
        ], plan: plan)
        #expect(scenario.credited("R1", on: "2026-01-05", "all", months: 1...1) == dec("1700"))  // 1000 + 500 + 200
        #expect(scenario.credited("R1", on: "2026-01-05", "new-only", months: 1...1) == dec("1000"))
        #expect(scenario.credited("R1", on: "2026-01-05", "renewal-only", months: 1...1) == dec("500"))
        #expect(try scenario.rows(deal: "D1").map(\.component) == ["all", "new-only"])
        #expect(try scenario.rows(deal: "D3").map(\.component) == ["all"])
    }

    @Test func aCreditMatchingNoComponentStillGetsARow() throws {
        let plan = Fixture.plan("AE", components: [Fixture.component("renewal-only", types: ["renewal"])], participants: Self.team)
        let scenario = Self.january([Fixture.deal("D1", closed: "2026-01-07", amount: "200", type: "services")], plan: plan)
        let row = try #require(scenario.rows(deal: "D1").first)
        #expect(row.component == "" && row.credit == dec("200.00"))
        #expect(scenario.credited("R1", on: "2026-01-07", "renewal-only", months: 1...12) == .zero)
    }

    @Test func spiffsNeedNoMatchingComponent() {
        // The only component takes renewals; the SPIFFs pay on new ANALYTICS deals all the same.
        let plan = Fixture.plan("AE", components: [Fixture.component("renewal-only", types: ["renewal"])],
                                spiffs: [Spiff(id: "push", filter: DealFilter(products: ["ANALYTICS"]), payout: .perDeal(dec("500"))),
                                         Spiff(id: "pct", filter: DealFilter(types: ["new"]), payout: .rate(dec("0.01")))],
                                participants: Self.team)
        let scenario = Self.january([
            Fixture.deal("D1", closed: "2026-01-05", amount: "20000", product: "ANALYTICS", reps: "R1:60;R2:40"),
            Fixture.deal("D2", closed: "2026-01-06", amount: "1000", reps: "R1"),
        ], plan: plan)
        #expect(scenario.spiff("R1", on: "2026-01-05", "push", month: 1) == dec("300.00"))  // 500 × 60 / 100; D2 is CORE
        #expect(scenario.spiff("R2", on: "2026-01-05", "push", month: 1) == dec("200.00"))  // 500 × 40 / 100
        // R1: 0.01 × 12000 (D1's 60 %) + 0.01 × 1000 (D2) = 120 + 10 = 130.00; R2: 0.01 × 8000 = 80.00
        #expect(scenario.spiff("R1", on: "2026-01-05", "pct", month: 1) == dec("130.00"))
        #expect(scenario.spiff("R2", on: "2026-01-05", "pct", month: 1) == dec("80.00"))
    }

    @Test func dealsClosedAfterTheRunMonthDoNotCountYet() throws {
        let scenario = Self.january([Fixture.deal("D1", closed: "2026-02-01", amount: "1000")])
        #expect(try scenario.totals.runMonthCredits().isEmpty)
        #expect(scenario.credited("R1", on: "2026-02-01", "all", months: 1...12) == .zero)
    }

    @Test func aMissingRateIsCollected() {
        let scenario = Self.january([Fixture.deal("D1", closed: "2026-01-20", amount: "1000", currency: .gbp)])
        #expect(scenario.missingRates.map { "\($0.month) \($0.from)→\($0.to)" } == ["2026-01 GBP→USD"])
    }
}

/// §3.2 and §7: chargebacks of cancelled deals.
@Suite struct ChargebackTests {
    /// D1: 5000 USD to R1, closed 2026-01-15.
    static func cancelled(on cancelDate: String, runMonth: String = "2026-04", clawbackDays: Int? = 90) -> Scenario {
        Scenario(month: runMonth, plans: [Fixture.plan("AE", clawbackDays: clawbackDays, participants: [Fixture.person("R1")])],
                 deals: [Fixture.deal("D1", closed: "2026-01-15", amount: "5000", cancelled: cancelDate)])
    }

    @Test func insideTheWindowIncludingExactlyWindowDays() throws {
        // Jan 15 → Apr 15 = 31 + 28 + 31 = 90 days ≤ 90
        let scenario = Self.cancelled(on: "2026-04-15")
        #expect(scenario.credited("R1", on: "2026-01-15", "all", months: 1...3) == dec("5000"))   // Q1 keeps the credit
        #expect(scenario.credited("R1", on: "2026-01-15", "all", months: 4...4) == dec("-5000"))  // dated Apr 15
        let row = try #require(scenario.rows(deal: "D1").first)
        #expect(row.kind == .chargeback && row.creditDate == day("2026-04-15"))
        #expect(row.dealAmount == dec("5000") && row.credit == dec("-5000.00"))  // positive deal amount, negative credit
        #expect(scenario.totals.exceptions.isEmpty)
    }

    @Test func outsideTheWindowTheCreditStands() throws {
        // 91 days > 90
        let scenario = Self.cancelled(on: "2026-04-16")
        #expect(scenario.credited("R1", on: "2026-01-15", "all", months: 1...4) == dec("5000"))
        #expect(try scenario.rows(deal: "D1").isEmpty)
        #expect(scenario.totals.exceptions.map(\.id) == ["D1"])
    }

    @Test func withoutClawbackTheCreditStands() throws {
        let scenario = Self.cancelled(on: "2026-01-20", runMonth: "2026-01", clawbackDays: nil)
        #expect(scenario.credited("R1", on: "2026-01-15", "all", months: 1...1) == dec("5000"))
        #expect(try scenario.rows(deal: "D1").map(\.kind) == [.credit])
        #expect(scenario.totals.exceptions.map(\.id) == ["D1"])
    }

    @Test func aCancellationAfterTheRunMonthIsNotYetChargedBack() throws {
        let january = Self.cancelled(on: "2026-02-05", runMonth: "2026-01")
        #expect(january.credited("R1", on: "2026-01-15", "all", months: 1...1) == dec("5000"))
        #expect(try january.rows(deal: "D1").map(\.kind) == [.credit])
        #expect(january.totals.exceptions.isEmpty)
        let february = Self.cancelled(on: "2026-02-05", runMonth: "2026-02")
        #expect(february.credited("R1", on: "2026-01-15", "all", months: 2...2) == dec("-5000"))
    }

    /// R1 moves from plan US (USD, clawback 90, SPIFF a: 500 a deal) to plan EU (EUR, no clawback,
    /// SPIFF b: 300 a deal) on 2026-04-01. D1: 10000 USD closed 2026-03-10, cancelled 2026-04-20.
    @Test func aChargebackLandsInThePlanActiveOnTheCancelDateAtTheCloseMonthsRate() {
        let us = Fixture.plan("US", spiffs: [Spiff(id: "a", payout: .perDeal(dec("500")))],
                              participants: [Fixture.person("R1", end: "2026-03-31")])
        let eu = Fixture.plan("EU", currency: .eur, spiffs: [Spiff(id: "b", payout: .perDeal(dec("300")))], clawbackDays: nil,
                              participants: [Fixture.person("R1", start: "2026-04-01")])
        let scenario = Scenario(
            month: "2026-04", plans: [us, eu],
            deals: [Fixture.deal("D1", closed: "2026-03-10", amount: "10000", cancelled: "2026-04-20")],
            rates: [("2026-03", .usd, .eur, "0.92"), ("2026-04", .usd, .eur, "0.95")])
        // The window is US's (active on the close date): Mar 10 → Apr 20 = 21 + 20 = 41 days ≤ 90.
        #expect(scenario.credited("R1", on: "2026-03-10", "all", months: 3...3) == dec("10000.00"))
        // In EU at March's rate: −round(10000 × 0.92 × 100 / 100) = −9200.00 EUR (April's 0.95 would give −9500)
        #expect(scenario.credited("R1", on: "2026-04-20", "all", months: 4...4) == dec("-9200.00"))
        // SPIFFs: US's stays paid in March; the reversal is EU's SPIFF: −300 × 100 / 100
        #expect(scenario.spiff("R1", on: "2026-03-10", "a", month: 3) == dec("500.00"))
        #expect(scenario.spiff("R1", on: "2026-04-20", "b", month: 4) == dec("-300.00"))
    }

    @Test func noEntryOnTheCancelDateMeansNoChargeback() throws {
        let plan = Fixture.plan("AE", participants: [Fixture.person("R1", end: "2026-03-31")])
        let scenario = Scenario(month: "2026-04", plans: [plan],
                                deals: [Fixture.deal("D1", closed: "2026-03-10", amount: "10000", cancelled: "2026-04-20")])
        #expect(scenario.credited("R1", on: "2026-03-10", "all", months: 3...4) == dec("10000"))
        #expect(try scenario.rows(deal: "D1").isEmpty)
        #expect(scenario.totals.exceptions.map(\.id) == ["D1"])
    }

    @Test func aChargebackOfACreditFromBeforeTheYearLowersC() {
        // D1 credited in FY2025's plan (not in a 2026 run); charged back 26 days later into FY2026.
        let old = Fixture.plan("OLD", yearStart: "2025-01-01", participants: [Fixture.person("R1", start: "2025-01-01", end: "2025-12-31")])
        let new = Fixture.plan("NEW", clawbackDays: nil, participants: [Fixture.person("R1")])
        let scenario = Scenario(month: "2026-01", plans: [old, new],
                                deals: [Fixture.deal("D1", closed: "2025-12-15", amount: "4000", cancelled: "2026-01-10")])
        #expect(scenario.book.participates == [false, true])
        #expect(scenario.credited("R1", on: "2026-01-10", "all", months: 1...1) == dec("-4000"))
        let january = scenario.measure("R1", on: "2026-01-10", "all", month: 1)
        #expect(january.earnedToDate == .zero && january.commission == .zero)  // C ≤ 0 earns 0
    }
}

/// §3.3 and §7: manager roll-ups.
@Suite struct RollUpTests {
    /// R1, R2 (plan AE, USD) report to M1 (plan MGR, EUR), who reports to D1 (plan DIR, USD).
    /// AE pays SPIFF push (100 a deal), MGR pays SPIFF mgr-push (50 a deal).
    static let plans = [
        Fixture.plan("AE", spiffs: [Spiff(id: "push", payout: .perDeal(dec("100")))],
                     participants: [Fixture.person("R1", manager: "M1"), Fixture.person("R2", manager: "M1")]),
        Fixture.plan("MGR", currency: .eur,
                     components: [Fixture.component("team", from: .team), Fixture.component("team-new", types: ["new"], from: .team),
                                  Fixture.component("own")],
                     spiffs: [Spiff(id: "mgr-push", payout: .perDeal(dec("50")))],
                     participants: [Fixture.person("M1", manager: "D1")]),
        Fixture.plan("DIR", components: [Fixture.component("org", from: .team)], participants: [Fixture.person("D1")]),
    ]
    static let rates: [(String, Currency, Currency, String)] = [
        ("2026-01", .gbp, .usd, "1.27"), ("2026-01", .usd, .eur, "0.92"), ("2026-01", .gbp, .eur, "1.17"),
        ("2026-01", .eur, .usd, "1.08"), ("2026-02", .gbp, .usd, "1.30"), ("2026-02", .usd, .eur, "0.95"),
    ]
    /// D1: 1000 GBP renewal to R1; D2: 2000 USD new to R2; D3: 500 EUR new to M1 himself. D1 is cancelled on Feb 10.
    static let deals = [
        Fixture.deal("D1", closed: "2026-01-20", amount: "1000", currency: .gbp, type: "renewal", cancelled: "2026-02-10"),
        Fixture.deal("D2", closed: "2026-01-25", amount: "2000", reps: "R2"),
        Fixture.deal("D3", closed: "2026-01-28", amount: "500", currency: .eur, reps: "M1"),
    ]

    let january = Scenario(month: "2026-01", plans: plans, deals: deals, rates: rates)

    @Test func everyAncestorGetsACopyConvertedFromTheRepsPlanCurrency() throws {
        // R1: 1000 × 1.27 = 1270.00 USD. M1 (EUR): round(1270.00 × 0.92) = 1168.40, not 1000 × 1.17 = 1170.00.
        // D1 (USD): 1270.00 as credited, no conversion (not 1168.40 converted back).
        #expect(try january.rowCredit(rep: "R1", deal: "D1") == [dec("1270.00")])
        #expect(try january.rowCredit(rep: "M1", deal: "D1", kind: .rollup) == [dec("1168.40")])
        #expect(try january.rowCredit(rep: "D1", deal: "D1", kind: .rollup) == [dec("1270.00")])
    }

    @Test func teamTotalsAndFilters() {
        // team: 1168.40 (D1) + 2000 × 0.92 = 1840.00 (D2) = 3008.40; M1's own D3 does not feed his team component
        #expect(january.credited("M1", on: "2026-01-28", "team", months: 1...1) == dec("3008.40"))
        // team-new takes type new only: D2's 1840.00, not the renewal D1
        #expect(january.credited("M1", on: "2026-01-28", "team-new", months: 1...1) == dec("1840.00"))
        #expect(january.credited("M1", on: "2026-01-28", "own", months: 1...1) == dec("500.00"))
        // D1: 1270.00 + 2000.00 + M1's own D3: round(500 × 1.08) = 540.00 → 3810.00
        #expect(january.credited("D1", on: "2026-01-28", "org", months: 1...1) == dec("3810.00"))
    }

    @Test func aRollUpRowRepeatsTheSourceCredit() throws {
        let row = try #require(january.rows(deal: "D1").first { $0.repID == "M1" })
        #expect(row.planID == "MGR" && row.component == "team" && row.kind == .rollup)
        #expect(row.dealAmount == dec("1000") && row.dealCurrency == .gbp && row.fxRate == dec("1.27") && row.percent == dec("100"))
        #expect(row.planCurrency == .eur)
    }

    @Test func spiffsArePaidOnOwnCreditsOnly() {
        #expect(january.spiff("R1", on: "2026-01-20", "push", month: 1) == dec("100.00"))
        #expect(january.spiff("R2", on: "2026-01-25", "push", month: 1) == dec("100.00"))
        // M1: 50 for his own D3; nothing for the copies of D1 and D2
        #expect(january.spiff("M1", on: "2026-01-28", "mgr-push", month: 1) == dec("50.00"))
    }

    @Test func chargebackCopiesUseTheCloseMonthsRates() throws {
        let february = Scenario(month: "2026-02", plans: Self.plans, deals: Self.deals, rates: Self.rates)
        // D1 cancelled Feb 10 (21 days): −1270.00 at January's 1.27 (February's 1.30 would give −1300.00)
        #expect(try february.rowCredit(rep: "R1", deal: "D1", kind: .chargeback) == [dec("-1270.00")])
        // M1: −round(1270.00 × 0.92) = −1168.40 (February's 0.95 would give −1206.50)
        #expect(february.credited("M1", on: "2026-02-10", "team", months: 2...2) == dec("-1168.40"))
        #expect(february.credited("D1", on: "2026-02-10", "org", months: 2...2) == dec("-1270.00"))
        #expect(february.spiff("R1", on: "2026-02-10", "push", month: 2) == dec("-100.00"))
        #expect(february.spiff("M1", on: "2026-02-10", "mgr-push", month: 2) == .zero)
    }

    @Test func theChainStopsAtAManagerWithoutAnActiveEntry() {
        let plans = [
            Fixture.plan("AE", participants: [Fixture.person("R1", manager: "M1")]),
            Fixture.plan("MGR", components: [Fixture.component("team", from: .team)],
                         participants: [Fixture.person("M1", start: "2026-02-01", manager: "D1"), Fixture.person("D1")]),
        ]
        let scenario = Scenario(month: "2026-02", plans: plans, deals: [
            Fixture.deal("D1", closed: "2026-01-20", amount: "1000"),
            Fixture.deal("D2", closed: "2026-02-05", amount: "300"),
        ])
        // Jan 20: M1 has no entry yet, so neither M1 nor D1 above him gets D1. Feb 5: both get D2's 300.
        #expect(scenario.credited("M1", on: "2026-02-05", "team", months: 1...2) == dec("300"))
        #expect(scenario.credited("D1", on: "2026-02-05", "team", months: 1...2) == dec("300"))
    }
}
