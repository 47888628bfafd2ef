import Testing
@testable import CompKit

/// A two-month book written out as files, small enough to check every finance number by hand.
///
/// Plans (fiscal year from 2026-01-01, quarterly): US-2026 in USD with R1 (base 12000 → 1000 a
/// month, target incentive 24000 → 2000 a month), R2 and R4; EU-2026 in EUR with R3. One component
/// `nb`, retroactive on amount, 10 % of everything credited (commission = 10 % of C, C cumulative
/// in the quarter); clawback window 90 days.
///
/// Deals and their credits (fx 2026-02: EUR→USD 1.1, USD→EUR 0.9, GBP→EUR 1.15):
/// - D1 2026-01-20   1000.00 USD  R1        → R1 January 1000.00
/// - D2 2026-02-05   2000.00 USD  R1:50;R2:50 → R1 1000.00, R2 1000.00 (created 2026-01-06: 30 days)
/// - D3 2026-02-10   1000.00 EUR  R1        → R1 1000 × 1.1 = 1100.00 (created 2026-01-31: 10 days)
/// - D4 2026-02-15    500.00 USD  R3        → R3 500 × 0.9 = 450.00 EUR (created after closing: no cycle)
/// - D5 2026-02-20    100.01 USD  R1:50;R2:50 → 50.005 each, rounded to 50.01 each (residual 0.01)
/// - D6 2026-02-25    300.00 USD  R2, cancelled 2026-02-27 → R2 300.00, then a chargeback of −300.00
///
/// February actuals (own positive credits): R1 1000 + 1100 + 50.01 = 2150.01; R2 1000 + 50.01 +
/// 300 = 1350.01 (D6's credit counts, its chargeback does not); R3 450.00 EUR; R4 none.
enum FinanceFixture {
    static let plans = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan id="US-2026" name="US" currency="USD" yearStart="2026-01-01" quotaPeriod="quarter">
          <component id="nb" types="new">
            <rateTable method="retroactive" basis="amount"><tier from="0" rate="0.1"/></rateTable>
          </component>
          <clawback windowDays="90"/>
          <participant id="R1" name="Ann One" start="2026-01-01">
            <baseSalary annual="12000"/>
            <targetIncentive annual="24000"/>
          </participant>
          <participant id="R2" name="Ben Two" start="2026-01-01"/>
          <participant id="R4" name="Dee Four" start="2026-01-01"/>
        </plan>
        """

    static let euPlan = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan id="EU-2026" name="EU" currency="EUR" yearStart="2026-01-01" quotaPeriod="quarter">
          <component id="nb" types="new">
            <rateTable method="retroactive" basis="amount"><tier from="0" rate="0.1"/></rateTable>
          </component>
          <participant id="R3" name="Cleo Three" start="2026-01-01"/>
        </plan>
        """

    static let deals = """
        deal_id,close_date,amount,currency,type,reps,status,cancel_date,created_date
        D1,2026-01-20,1000.00,USD,new,R1,won,,
        D2,2026-02-05,2000.00,USD,new,R1:50;R2:50,won,,2026-01-06
        D3,2026-02-10,1000.00,EUR,new,R1,won,,2026-01-31
        D4,2026-02-15,500.00,USD,new,R3,won,,2026-02-20
        D5,2026-02-20,100.01,USD,new,R1:50;R2:50,won,,
        D6,2026-02-25,300.00,USD,new,R2,cancelled,2026-02-27,

        """

    static let fx = """
        month,from,to,rate
        2026-02,EUR,USD,1.1
        2026-02,USD,EUR,0.9
        2026-02,GBP,EUR,1.15

        """

    /// Commits: R1 800 in January; R1 2000, R2 1500 and R4 500 in February (R3 none: 0).
    static let forecasts = """
        rep_id,month,commit
        R1,2026-01,800
        R1,2026-02,2000
        R2,2026-02,1500.00
        R4,2026-02,500

        """

    /// February reads the 2026-02-01 snapshot (the latest on or before 2026-02-01; 2026-02-15 is
    /// later), January the 2026-01-01 one. Rows of February's snapshot expected in February:
    /// - O1 R1 Commit 0.9 × 1000 USD = 900
    /// - O2 R1 Proposal 0.5 × 200 EUR = 100 EUR × 1.1 = 110 USD
    /// - D4 R3 Commit 0.9 × 500 GBP = 450 GBP × 1.15 = 517.5 EUR (its id closed in February)
    /// - D2 R2 Commit 0.9 × 333.33 USD = 299.997 (kept unrounded; its id closed in February)
    /// O3 is expected in March, O6 is in the later snapshot, O1's January row is in an older one.
    static let pipeline = """
        opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close
        O7,R1,2026-01-01,Commit,0.9,1000.00,USD,2026-01-25
        O1,R1,2026-01-01,Proposal,0.5,1000.00,USD,2026-02-20
        O1,R1,2026-02-01,Commit,0.9,1000.00,USD,2026-02-20
        O2,R1,2026-02-01,Proposal,0.5,200.00,EUR,2026-02-10
        O3,R2,2026-02-01,Negotiation,0.75,1000.00,USD,2026-03-05
        D4,R3,2026-02-01,Commit,0.9,500.00,GBP,2026-02-28
        D2,R2,2026-02-01,Commit,0.9,333.33,USD,2026-02-12
        O6,R4,2026-02-15,Commit,1,9999.00,USD,2026-02-28

        """

    static let expected = """
        rep_id,month,expected
        R1,2026-02,200.00
        R2,2026-02,105.00

        """

    /// Runs the month from these files (each may be replaced), with the given variance thresholds.
    static func run(_ period: String, files: [String: String] = [:],
                    thresholds: VarianceReport.Thresholds = .standard) throws -> PayrollRun.Result {
        try withTemporaryFolder { folder in
            func file(_ name: String, _ text: String) throws -> String { try write(files[name] ?? text, to: name, in: folder) }
            let inputs = RunInputs(
                planPaths: [try file("us.xml", plans), try file("eu.xml", euPlan)], dealPaths: [try file("deals.csv", deals)],
                fxPath: try file("fx.csv", fx), forecastsPath: try file("forecasts.csv", forecasts),
                pipelinePath: try file("pipeline.csv", pipeline), expectedPath: try file("expected.csv", expected))
            var options = RunOptions()
            options.varianceThresholds = thresholds
            return try PayrollRun.compute(inputs: inputs, period: month(period), options: options)
        }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The problems of a run that must be refused as invalid input.
    static func refusal(_ period: String, files: [String: String]) -> [CompKit.Diagnostic] {
        do {
            _ = try run(period, files: files)
            Issue.record("the run should have been refused")
        } catch CompError.invalidInput(let diagnostics, _) {
            return diagnostics
        } catch {
            Issue.record("expected invalid input, got \(error)")
        }
        return []
    }
}
