import Foundation
import Testing
@testable import CompKit

@Suite struct CreditsReportTests {
    static let header = "period,rep_id,plan_id,component,deal_id,credit_date,kind,deal_amount,deal_currency,fx_rate,percent,credit\n"

    static func csv(_ scenario: Scenario) throws -> String {
        String(decoding: try CreditsReport.csv(scenario.totals.runMonthCreditRows, period: scenario.book.runMonth), as: UTF8.self)
    }

    @Test func marchOfTheAccountExecutive() throws {
        // D3's renewal credit and D2's chargeback (positive deal amount, negative credit), sorted by component.
        #expect(try Self.csv(AccountExecutive.run("2026-03")) == Self.header + """
            2026-03,R1,AE-2026,new-business,D2,2026-03-20,chargeback,80000.00,USD,1.000000,100.00,-80000.00
            2026-03,R1,AE-2026,renewals,D3,2026-03-05,credit,60000.00,USD,1.000000,100.00,60000.00

            """)
    }

    @Test func convertedSplitsAndRollUps() throws {
        // 1234.57 EUR at 1.085 → 1339.50845: R1 60 % → 803.71, R2 40 % → 535.80; M1 (same plan currency)
        // gets both copies in "team", in the order the deal lists its reps. Amounts print in the deal's
        // (EUR) and the plan's (USD) decimals; JPY deal amounts would print without decimals.
        let plan = Fixture.plan("AE", components: [Fixture.component("own"), Fixture.component("team", from: .team)],
                                participants: [Fixture.person("R1", manager: "M1"), Fixture.person("R2", manager: "M1"), Fixture.person("M1")])
        let scenario = Scenario(month: "2026-01", plans: [plan],
                                deals: [Fixture.deal("D1", closed: "2026-01-20", amount: "1234.57", currency: .eur, reps: "R1:60;R2:40"),
                                        Fixture.deal("D0", closed: "2026-01-21", amount: "5000", currency: .jpy, reps: "R2")],
                                rates: [("2026-01", .eur, .usd, "1.085"), ("2026-01", .jpy, .usd, "0.0067")])
        // D0: 5000 × 0.0067 = 33.50
        #expect(try Self.csv(scenario) == Self.header + """
            2026-01,M1,AE,team,D1,2026-01-20,rollup,1234.57,EUR,1.085000,60.00,803.71
            2026-01,M1,AE,team,D1,2026-01-20,rollup,1234.57,EUR,1.085000,40.00,535.80
            2026-01,M1,AE,team,D0,2026-01-21,rollup,5000,JPY,0.006700,100.00,33.50
            2026-01,R1,AE,own,D1,2026-01-20,credit,1234.57,EUR,1.085000,60.00,803.71
            2026-01,R2,AE,own,D1,2026-01-20,credit,1234.57,EUR,1.085000,40.00,535.80
            2026-01,R2,AE,own,D0,2026-01-21,credit,5000,JPY,0.006700,100.00,33.50

            """)
    }

    /// A CRM's deal ids may hold commas and quotes (a quoted field): credits.csv quotes them again.
    @Test func dealIDsWithCommasAndQuotesAreQuoted() throws {
        let scenario = Scenario(month: "2026-01", plans: [Fixture.plan("AE", participants: [Fixture.person("R1")])],
                                deals: [Fixture.deal("D,1", closed: "2026-01-05", amount: "10"),
                                        Fixture.deal("D\"2\"", closed: "2026-01-06", amount: "20")])
        #expect(try Self.csv(scenario) == Self.header + #"""
            2026-01,R1,AE,all,"D,1",2026-01-05,credit,10.00,USD,1.000000,100.00,10.00
            2026-01,R1,AE,all,"D""2""",2026-01-06,credit,20.00,USD,1.000000,100.00,20.00

            """#)
    }

    /// The pass sorts its compact rows on the deal id's first 8 bytes and looks longer ids up
    /// only on a tie: ids sharing those bytes, of 8 bytes or fewer and longer, a roll-up copy per
    /// rep of a split, must come out in §5's order (rep, plan, component, date, deal id byte by
    /// byte, kind; the copies of a split in the order the deal lists its reps).
    @Test func compactRowsSortByteByByte() throws {
        let plan = Fixture.plan("AE", components: [Fixture.component("own"), Fixture.component("team", from: .team)],
                                participants: [Fixture.person("R1", manager: "M1"), Fixture.person("R2", manager: "M1"), Fixture.person("M1")])
        let ids = ["DEAL-0001-B", "DEAL-000", "DEAL-0001", "DEAL-0001-A", "DEAL-00", "DEAL-0001-AA", "DEAL-0002", "DEAL-001"]
        let deals = ids.enumerated().map { number, id in
            Fixture.deal(id, closed: "2026-01-20", amount: "\(100 + number).5", reps: number % 2 == 0 ? "R1:60;R2:40" : "R2")
        } + [Fixture.deal("DEAL-0001-C", closed: "2026-01-05", amount: "80", reps: "R1", cancelled: "2026-01-20")]
        let csv = try Self.csv(Scenario(month: "2026-01", plans: [plan], deals: deals))
        let rows = csv.split(separator: "\n").dropFirst().map { line -> String in
            let field = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(field[1]) \(field[3]) \(field[4]) \(field[5].suffix(2)) \(field[6]) \(field[10])"
        }
        #expect(rows == [
            "M1 team DEAL-0001-C 05 rollup 100.00",
            "M1 team DEAL-00 20 rollup 60.00", "M1 team DEAL-00 20 rollup 40.00", "M1 team DEAL-000 20 rollup 100.00",
            "M1 team DEAL-0001 20 rollup 60.00", "M1 team DEAL-0001 20 rollup 40.00", "M1 team DEAL-0001-A 20 rollup 100.00",
            "M1 team DEAL-0001-AA 20 rollup 100.00", "M1 team DEAL-0001-B 20 rollup 60.00", "M1 team DEAL-0001-B 20 rollup 40.00",
            "M1 team DEAL-0001-C 20 rollup 100.00", "M1 team DEAL-0002 20 rollup 60.00", "M1 team DEAL-0002 20 rollup 40.00",
            "M1 team DEAL-001 20 rollup 100.00",
            "R1 own DEAL-0001-C 05 credit 100.00",
            "R1 own DEAL-00 20 credit 60.00", "R1 own DEAL-0001 20 credit 60.00", "R1 own DEAL-0001-B 20 credit 60.00",
            "R1 own DEAL-0001-C 20 chargeback 100.00", "R1 own DEAL-0002 20 credit 60.00",
            "R2 own DEAL-00 20 credit 40.00", "R2 own DEAL-000 20 credit 100.00", "R2 own DEAL-0001 20 credit 40.00",
            "R2 own DEAL-0001-A 20 credit 100.00", "R2 own DEAL-0001-AA 20 credit 100.00", "R2 own DEAL-0001-B 20 credit 40.00",
            "R2 own DEAL-0002 20 credit 40.00", "R2 own DEAL-001 20 credit 100.00",
        ])
    }
}
