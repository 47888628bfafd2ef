import Foundation
import Testing
@testable import CompKit

/// Statements of February 2026 on the end-to-end tests' `hand-month` fixture, whose numbers
/// Tests/CompEndToEndTests/Fixtures/hand-month/EXPECTED.md computes by hand.
@Suite struct StatementBuilderTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("CompEndToEndTests/Fixtures/hand-month").path

    static let inputs = RunInputs(planPaths: [fixture + "/plans"], dealPaths: [fixture + "/inputs/deals.csv"],
                                  fxPath: fixture + "/inputs/fx.csv")

    /// The builder over the run, with `extra` what-if deals.
    static func builder(extra: [Deal] = []) throws -> StatementBuilder {
        let result = try PayrollRun.compute(inputs: inputs, period: month("2026-02"), options: RunOptions(whatIfDeals: extra))
        return StatementBuilder(result: result)
    }

    static func statement(_ id: String) throws -> Statement { try #require(try builder().statement(for: id)) }

    static func pay(_ statement: Statement) -> [String] {
        statement.pay.map { "\($0.key.payType.label) \($0.key.component) \($0.amount)" }
    }

    @Test func repStatementExplainsEveryNumber() throws {
        let statement = try Self.statement("R1")
        #expect(statement.name == "Kowalska, Anna")
        let entry = try #require(statement.entries.first)
        // February's credits: D04 (02-12), D08 (02-18), D06 (02-27, a renewal: no component).
        #expect(entry.credits.map { "\($0.dealID) \($0.component) \($0.credit)" } == ["D04 new 50000.00", "D08 new 4000.13", "D06  5000.00"])
        let new = try #require(entry.components.first)
        // Q = 400000 / 4 = 100000; C = 58000 + 50000 + 4000.13 = 112000.13.
        #expect(new.measure.quota == dec("100000") && new.measure.creditedToDate == dec("112000.13"))
        // Bands: 100000 at 5 % = 5000, 12000.13 at 10 % = 1200.013; 6200.013 → 6200.01.
        #expect(new.breakdown.bands.map(\.earned) == [dec("5000"), dec("1200.013")])
        #expect(new.breakdown.earned == dec("6200.01"))
        // Before: January's 58000 × 5 % = 2900.00; commission 6200.01 − 2900.00 = 3300.01: D04 2900.00 + D08 400.01.
        #expect(new.attribution.openingCredit == dec("58000") && new.measure.earnedPrior == dec("2900.00"))
        #expect(new.attribution.lines.map(\.commission) == [dec("2900.00"), dec("400.01")])
        #expect(new.attribution.commission == dec("3300.01") && new.attribution.residual.isZero)
        // Bonus club 1000 at C ≥ 1.0 × 100000: reached in February, not in January.
        #expect(new.bonuses.map { "\($0.reached) \($0.reachedBefore) \($0.paid)" } == ["true false 1000"])
        // SPIFF analytics 200 × 100 % on D04 (ANALYTICS); D06 and D08 are CORE.
        #expect(entry.spiffs.map { $0.lines.map { "\($0.row.dealID) \($0.amount)" } } == [["D04 200.00"]])
        #expect(entry.base?.amount == dec("5000.00"))   // 60000 / 12
        #expect(Self.pay(statement) == ["BASE  5000.00", "COMMISSION new 3300.01", "BONUS new 1000", "SPIFF analytics 200.00"])
        // 5000.00 + 3300.01 + 1000.00 + 200.00
        #expect(statement.totals.map { "\($0.currency) \($0.amount)" } == ["USD 9500.01"])
    }

    /// Each credit is listed once, its credit math beside what it added. D04: 50000.00 USD × 1 × 100 %
    /// takes C from 58000 to 108000.00, into tier 2 (from 100000.00 at 10 %): E = 5000 + 800 = 5800, it adds
    /// 5800 − 2900 = 2900.00. D08: R1's half of 8000.25, 4000.125 → 4000.13; C = 112000.13, E = 6200.013,
    /// adds 400.013 → 400.01. D06, a renewal, matches no component: listed on its own. D04 is also the SPIFF's.
    @Test func eachCreditIsListedOnceBesideWhatItAdded() throws {
        let html = StatementLayout.document(try Self.statement("R1")).html
        let lines = html.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("<td>D04<td>") } == [
            "<tr><td>2026-02-12<td>D04<td>credit<td>50000.00 USD<td>1.000000<td>100.00 %<td>50000.00<td>108000.00<td>2<td>5800.00<td>2900.00"
                + "<td>crosses into tier 2 (from 100000.00, 10 %)",
            "<tr><td>2026-02-12<td>D04<td>credit<td>100.00 %<td>50000.00<td>200.00",
        ])
        #expect(lines.filter { $0.contains("<td>D08<td>") }
                == ["<tr><td>2026-02-18<td>D08<td>credit<td>8000.25 USD<td>1.000000<td>50.00 %<td>4000.13<td>112000.13<td>2<td>6200.013<td>400.01<td>"])
        let unmatched = try #require(lines.firstIndex(of: "<h3>Credits matching no component</h3>"))
        #expect(lines.filter { $0.contains("<td>D06<td>") } == ["<tr><td>2026-02-27<td>D06<td>credit<td>5000.00 USD<td>1.000000<td>100.00 %<td>5000.00"])
        #expect(lines.firstIndex { $0.contains("<td>D06<td>") }! > unmatched)
        #expect(lines.contains("<tr><td><td>total<td><td><td><td><td>54000.13<td><td><td><td>3300.01<td>"))   // 50000.00 + 4000.13
    }

    @Test func chargebackAndRoundingResidual() throws {
        let statement = try Self.statement("R2")
        let new = try #require(statement.entries.first?.components.first)
        // D03 668.52, D08 200.01, D05 chargeback −500.00 = 368.53; commission 1468.52 − 1100.00 = 368.52; residual −0.01.
        #expect(zip(new.attribution.labels, new.attribution.lines).map { "\($0) \($1.commission)" }
                == ["D03 credit 668.52", "D08 credit 200.01", "D05 chargeback -500.00"])
        #expect(new.attribution.residual == dec("-0.01") && new.attribution.commission == dec("368.52"))
        // The chargeback reverses D05's SPIFF: −round(200 × 100 / 100) = −200.00.
        #expect(statement.entries[0].spiffs[0].lines.map { "\($0.row.dealID) \($0.amount)" } == ["D05 -200.00"])
        // 4000.00 + 368.52 − 200.00
        #expect(statement.totals.map { "\($0.currency) \($0.amount)" } == ["USD 4168.52"])
    }

    @Test func managerStatementShowsRollUpsAsHisTeamComponent() throws {
        let statement = try Self.statement("M1")
        let entry = try #require(statement.entries.first)
        // February's roll-ups, summed per team member: R1's D04 50000 and D08 4000.13 (50 % of 8000.25);
        // R2's D03 13370.36, D08 4000.13 and D05's chargeback −10000: 7370.49. No deal is listed.
        #expect(entry.credits.isEmpty)
        let team = try #require(entry.components.first)
        #expect(team.attribution.rows.isEmpty)
        #expect(zip(team.attribution.labels, team.attribution.rollUps).map { "\($0) \($1.credit)" }
                == ["R1 roll-up ×2 54000.13", "R2 roll-up ×3 7370.49"])
        #expect(team.attribution.credited == dec("61370.62"))   // 54000.13 + 7370.49
        // January's 80000 earned 800.00 at 1 %. R1: C = 134000.13, E = 1340.0013, adds 540.0013 → 540.00;
        // R2: C = 141370.62, E = 1413.7062, adds 73.7049 → 73.70. Commission round(1413.7062) − 800.00 = 613.71,
        // residual 613.71 − 613.70 = 0.01.
        #expect(team.attribution.labels == ["R1 roll-up ×2", "R2 roll-up ×3"])
        #expect(team.attribution.lines.map(\.commission) == [dec("540.00"), dec("73.70")])
        #expect(team.attribution.residual == dec("0.01") && team.attribution.commission == dec("613.71"))
        #expect(entry.spiffs.isEmpty && statement.totals.map(\.amount) == [dec("10613.71")])   // 10000.00 + 613.71
    }

    /// Every statement's pay is its participant's payroll rows, key by key and to the cent.
    @Test func everyStatementAddsUpToThePayrollRows() throws {
        let builder = try Self.builder()
        #expect(builder.participantIDs == ["M1", "R1", "R2"])
        for id in builder.participantIDs {
            let statement = try #require(try builder.statement(for: id))
            let rows = builder.result.payroll.rows.filter { $0.key.employeeID == id }
            #expect(statement.pay.map(\.key) == rows.map(\.key), "\(id)")
            #expect(statement.pay.map(\.amount) == rows.map(\.amount), "\(id)")
            for component in statement.entries.flatMap(\.components) {
                #expect(component.attribution.commission == component.measure.commission, "\(id) \(component.component.id)")
            }
        }
    }

    /// R1's statement holds only R1's rows and pay: nothing of R2 or M1, even when everyone is captured.
    @Test func aStatementNeverShowsAnotherPersonsData() throws {
        let statement = try #require(try Self.builder().statement(for: "R1"))
        let rows = statement.entries.flatMap(\.credits)
        #expect(rows.allSatisfy { $0.repID == "R1" } && !rows.contains { $0.dealID == "D03" || $0.dealID == "D05" })
        #expect(statement.pay.allSatisfy { $0.key.employeeID == "R1" })
        let text = StatementLayout.document(statement).html
        for other in ["R2", "Bo Rep", "M1", "Mia Manager", "D03", "D05", "368.52", "613.71", "13370.36"] {
            #expect(!text.contains(other), "R1's statement shows \(other)")
        }
    }

    @Test func unknownParticipantHasNoStatement() throws {
        #expect(try Self.builder().statement(for: "R9") == nil)
    }

    /// A what-if deal of 20000 for R1 dated 2026-02-28: C = 132000.13 → 5000 + 0.10 × 32000.13 = 8200.013 → 8200.01;
    /// commission 8200.01 − 2900.00 = 5300.01 (2000.00 more), the rest unchanged.
    @Test func estimateShowsThePayBesideTheActual() throws {
        let actual = try Self.statement("R1")
        let book = try Self.builder().result.book
        let placement = try #require(WhatIfDeal.placement(of: "R1", in: book))
        #expect(placement.date == day("2026-02-28") && placement.currency == .usd)
        let deal = WhatIfDeal(amount: dec("20000")).deal(number: 1, repID: "R1", date: placement.date, currency: placement.currency)
        let whatIf = try #require(try Self.builder(extra: [deal]).statement(for: "R1"))
        let estimate = Estimate(actual: actual, whatIf: whatIf, deals: [deal])
        #expect(estimate.added.map { $0.rows.map(\.component) } == [["new"]])
        #expect(estimate.pay.map { "\($0.key.payType.label) \($0.actual) \($0.whatIf)" }
                == ["BASE 5000.00 5000.00", "COMMISSION 3300.01 5300.01", "BONUS 1000 1000", "SPIFF 200.00 200.00"])
        #expect(estimate.components.map { $0.crossed.map(\.tier) } == [[]])   // already in tier 2
        #expect(estimate.totals.map { "\($0.actual) \($0.whatIf)" } == ["9500.01 11500.01"])
    }

    /// P1 (new, ANALYTICS, 10000.00) closes on 2026-01-15 and pays 4000.00 on 2026-02-10; the SPIFF
    /// of 200 per deal was paid on its credit in January. February's statement lists the payment's
    /// credit (4000.00 to `collected`) and no SPIFF: a payment pays none (§3.7).
    @Test func aPaymentIsNoSPIFFLine() throws {
        try withTemporaryFolder { folder in
            let plan = try write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <plan id="P-2026" name="P" currency="USD" yearStart="2026-01-01" quotaPeriod="quarter">
                  <component id="new" types="new"><rateTable method="graduated" basis="amount"><tier from="0" rate="0.05"/></rateTable></component>
                  <component id="collected" types="new" creditOn="payment">
                    <rateTable method="graduated" basis="amount"><tier from="0" rate="0.01"/></rateTable>
                  </component>
                  <spiff id="analytics" products="ANALYTICS" perDeal="200"/>
                  <participant id="R1" name="R One" start="2026-01-01"><baseSalary annual="0"/></participant>
                </plan>
                """, to: "plan.xml", in: folder)
            let deals = try write("reps,deal_id,amount,currency,close_date,type,product,status\nR1,P1,10000.00,USD,2026-01-15,new,ANALYTICS,won\n",
                                  to: "deals.csv", in: folder)
            let payments = try write("deal_id,paid_date,amount\nP1,2026-02-10,4000.00\n", to: "payments.csv", in: folder)
            let inputs = RunInputs(planPaths: [plan], dealPaths: [deals], paymentsPath: payments)
            let result = try PayrollRun.compute(inputs: inputs, period: month("2026-02"), options: RunOptions())
            let entry = try #require(try StatementBuilder(result: result).statement(for: "R1")?.entries.first)
            #expect(entry.credits.map { "\($0.dealID) \($0.kind.label) \($0.component) \($0.credit)" } == ["P1 payment collected 4000.00"])
            #expect(entry.spiffs.map { "\($0.lines.count) \($0.total) \($0.unitemised)" } == ["0 0 0"])
        }
    }

    /// A person paid in two currencies (a mid-month plan change): one total per currency, in
    /// currency order, whatever order the pay lines come in; a prior adjustment counts.
    @Test func totalsAddEachCurrencysLinesInCurrencyOrder() throws {
        let (usd, eur) = (try #require(Currency(code: "USD")), try #require(Currency(code: "EUR")))
        func item(_ type: PayType, _ currency: Currency, _ computed: String, adjusted: String = "0") -> Statement.PayItem {
            Statement.PayItem(key: PayKey(employeeID: "R1", payType: type, component: "", currency: currency),
                              computed: dec(computed), priorAdjustment: dec(adjusted), computedBefore: .zero, paidBefore: .zero)
        }
        let statement = Statement(participantID: "R1", name: "Rep One", period: month("2026-03"), entries: [],
                                  pay: [item(.base, usd, "2500.00"), item(.base, eur, "1200.50"),
                                        item(.draw, usd, "300.25", adjusted: "-50.00")],
                                  usesLedger: true)
        // EUR: 1200.50; USD: 2500.00 + (300.25 − 50.00) = 2750.25.
        #expect(statement.totals.map { "\($0.currency) \($0.amount)" } == ["EUR 1200.50", "USD 2750.25"])
    }
}
