import Foundation
import Testing

/// forecasts.csv, pipeline.csv and expected.csv through the built `comp` (§2.3, §6, §7), and the
/// variance thresholds of `comp run`.
@Suite struct FinanceInputTests {
    static let forecasts = "inputs/forecasts.csv", pipeline = "inputs/pipeline.csv", expected = "inputs/expected.csv"

    static func workspace() throws -> Workspace {
        let workspace = try Workspace(fixtures: "valid")
        try workspace.write(forecasts, "rep_id,month,commit\nR1,2026-03,4000\nR2,2026-03,2500.50\n")
        try workspace.write(pipeline, """
            opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close
            D4,R2,2026-03-01,Commit,0.9,3000.00,USD,2026-03-05
            O9,R1,2026-03-01,Proposal,0.5,1000.00,EUR,2026-03-20

            """)
        try workspace.write(expected, "rep_id,month,expected\nR1,2026-03,0\nR2,2026-03,400\n")
        return workspace
    }

    @Test func validInputsGiveTheFinanceFiles() throws {
        let workspace = try Self.workspace()
        let run = try workspace.comp("run", "--period", "2026-03")
        #expect(run.status == 0, run.transcript)
        for name in ["forecast_accuracy.csv", "variance.csv", "summary.md", "summary.html"] {
            #expect(workspace.exists("out/2026-03/\(name)"), "\(name) is missing")
        }
        // R2's actual in March is D4: 3000.00 USD. Commit 2500.50: error −499.50, accuracy 2500.5 / 3000
        // = 0.8335, bias −0.1665. R1 has no credit in March, commit 4000 and a weighted 0.5 × 1000 EUR × 1.1 = 550.
        let accuracy = try workspace.read("out/2026-03/forecast_accuracy.csv")
        #expect(accuracy.contains("2026-03,R2,commit,2500.50,3000.00,-499.50,0.833500,-0.166500\n"), "\(accuracy)")
        #expect(accuracy.contains("2026-03,R1,weighted,550.00,0.00,550.00,0.000000,\n"), "\(accuracy)")
        let manifest = try workspace.read("out/2026-03/manifest.json")
        for kind in ["forecasts", "pipeline", "expected"] { #expect(manifest.contains("\"kind\" : \"\(kind)\"")) }
        for name in ["forecast_accuracy.csv", "variance.csv", "summary.md", "summary.html"] {
            #expect(manifest.contains("\"file\" : \"\(name)\""), "\(name) is not in the manifest")
        }
    }

    @Test func brokenFinanceInputsAreRefused() throws {
        let workspace = try Self.workspace()
        try workspace.replace(in: Self.forecasts, "R2,2026-03,2500.50", with: "R2,2026-03,2500.50\nR2,2026-03,1")
        try workspace.replace(in: Self.pipeline, "O9,R1,", with: "O9,R7,")
        try workspace.replace(in: Self.pipeline, "Commit,0.9,", with: "Commit,90,")
        try workspace.replace(in: Self.expected, "R1,2026-03,0", with: "R1,March,0")
        let run = try workspace.comp("run", "--period", "2026-03")
        expectRefused(run, at: [
            [Where(Self.forecasts, lines: [4], column: 1)],  // R2, 2026-03 twice: the whole row
            [Where(Self.pipeline, lines: [2], column: 5)],   // probability 90
            [Where(Self.pipeline, lines: [3], column: 2)],   // R7 is in no plan
            [Where(Self.expected, lines: [2], column: 2)],   // not YYYY-MM
        ])
        #expect(!workspace.exists("out"), "a refused run must write nothing")
        // comp validate finds the same.
        expectRefused(try workspace.comp("validate", "--period", "2026-03"), at: [[Where(Self.forecasts, lines: [4], column: 1)]])
    }

    @Test func thresholdsDecideTheFlags() throws {
        let workspace = try Self.workspace()
        func flags(_ extra: [String]) throws -> [Substring] {
            let run = try workspace.comp(["run", "--period", "2026-03"] + extra)
            #expect(run.status == 0, run.transcript)
            return try workspace.read("out/2026-03/variance.csv").split(separator: "\n").filter { $0.hasSuffix(",Y") }
        }
        let standard = try flags([])
        #expect(!standard.isEmpty)
        #expect(try flags(["--threshold-amount", "1000000"]).isEmpty)
        #expect(try flags(["--threshold-pct", "10", "--threshold-amount", "100"]) == standard)
        let usage = try workspace.comp("run", "--period", "2026-03", "--threshold-pct", "ten")
        #expect(usage.status == 2, usage.transcript)
    }

    /// A USD manager over a USD rep and a EUR rep, no forecasts at all, fx.csv with the one rate
    /// payroll needs (2026-02 EUR→USD 1.1, for the roll-up). R1: D1 1000.00 USD → 100.00 commission;
    /// R2: D2 2000.00 EUR → 200.00 EUR; M1: 1000.00 + 2000 × 1.1 = 3200.00 → 1 % = 32.00 USD.
    /// The TEAM rows are told in EUR (one USD rep, one EUR rep: the tie goes to EUR, first in byte
    /// order), and R1's USD figures need 2026-02 USD→EUR, which nothing else needs: the TEAM cells are
    /// blank, exceptions.csv and the summary say so, and payroll is written.
    @Test func aCrossCurrencyTeamWithoutForecastRatesStillPays() throws {
        let workspace = try Workspace()
        func plan(_ id: String, _ currency: String, _ component: String, _ people: String) -> String {
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <plan id="\(id)" name="\(id)" currency="\(currency)" yearStart="2026-01-01" quotaPeriod="quarter">
              \(component)
              \(people)
            </plan>
            """
        }
        let own = #"<component id="nb" types="new"><rateTable method="graduated" basis="amount"><tier from="0" rate="0.1"/></rateTable></component>"#
        let team = #"<component id="team" types="new" creditFrom="team"><rateTable method="graduated" basis="amount"><tier from="0" rate="0.01"/></rateTable></component>"#
        try workspace.write("plans/mgr.xml", plan("MGR", "USD", team, #"<participant id="M1" name="Mia" start="2026-01-01"/>"#))
        try workspace.write("plans/us.xml", plan("US", "USD", own, #"<participant id="R1" name="Ann" start="2026-01-01" manager="M1"/>"#))
        try workspace.write("plans/eu.xml", plan("EU", "EUR", own, #"<participant id="R2" name="Ben" start="2026-01-01" manager="M1"/>"#))
        try workspace.write("inputs/deals.csv", """
            deal_id,close_date,amount,currency,type,reps
            D1,2026-02-10,1000.00,USD,new,R1
            D2,2026-02-12,2000.00,EUR,new,R2

            """)
        try workspace.write("inputs/fx.csv", "month,from,to,rate\n2026-02,EUR,USD,1.1\n")
        #expect(try workspace.comp("validate", "--period", "2026-02").status == 0)
        let run = try workspace.comp("run", "--period", "2026-02")
        try #require(run.status == 0, run.transcript)
        #expect(try workspace.read("out/2026-02/payroll.csv") == """
            period,employee_id,employee_name,pay_type,component,amount,currency,prior_adjustment
            2026-02,M1,Mia,COMMISSION,team,32.00,USD,0.00
            2026-02,R1,Ann,COMMISSION,nb,100.00,USD,0.00
            2026-02,R2,Ben,COMMISSION,nb,200.00,EUR,0.00

            """)
        #expect(try workspace.read("out/2026-02/forecast_accuracy.csv") == """
            period,rep_id,method,forecast,actual,error,accuracy,bias
            2026-02,R1,commit,0.00,1000.00,-1000.00,0.000000,-1.000000
            2026-02,R1,weighted,0.00,1000.00,-1000.00,0.000000,-1.000000
            2026-02,R2,commit,0.00,2000.00,-2000.00,0.000000,-1.000000
            2026-02,R2,weighted,0.00,2000.00,-2000.00,0.000000,-1.000000
            2026-02,TEAM,commit,,,,,
            2026-02,TEAM,weighted,,,,,

            """)
        let exceptions = try workspace.read("out/2026-02/exceptions.csv").split(separator: "\n")
        #expect(exceptions.count == 2 && exceptions[1].hasPrefix("fx.csv,0,2026-02 USD→EUR,"), "\(exceptions)")
        #expect(try workspace.read("out/2026-02/summary.md").contains("2026-02 USD→EUR"))
    }
}
