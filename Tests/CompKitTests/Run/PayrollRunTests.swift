import Testing
@testable import CompKit

/// A whole month from files: plan XML, deals.csv and fx.csv through `PayrollRun.compute`.
@Suite struct PayrollRunTests {
    /// Quota 400000 a year → 100000 a quarter; graduated 0 / 8 % from 50000 / 12 % from 100000.
    static let plan = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan id="T-2026" name="Test" currency="USD" yearStart="2026-01-01" quotaPeriod="quarter">
          <component id="nb" types="new">
            <rateTable method="graduated" basis="attainment">
              <tier from="0" rate="0"/>
              <tier from="0.5" rate="0.08"/>
              <tier from="1.0" rate="0.12"/>
            </rateTable>
          </component>
          <participant id="R1" name="Anna, Jr." start="2026-01-01">
            <baseSalary annual="60000"/>
            <quota component="nb" annual="400000"/>
          </participant>
        </plan>
        """

    static func run(deals: String, period: String = "2026-02") throws -> PayrollRun.Result {
        try withTemporaryFolder { folder in
            let inputs = RunInputs(planPaths: [try write(plan, to: "t.xml", in: folder)],
                                   dealPaths: [try write(deals, to: "deals.csv", in: folder)],
                                   fxPath: try write("month,from,to,rate\n2026-02,EUR,USD,1.1\n", to: "fx.csv", in: folder))
            return try PayrollRun.compute(inputs: inputs, period: month(period))
        }
    }

    @Test func computesTheMonthFromFiles() throws {
        let result = try Self.run(deals: """
            deal_id,close_date,amount,currency,type,reps
            D1,2026-01-10,80000.00,USD,new,R1
            D2,2026-02-10,45000.00,EUR,new,R1
            D3,2026-03-10,99999.00,USD,new,R1

            """)
        // January: C = 80000 → 0.08 × (80000 − 50000) = 2400.00.
        // February: D2 = 45000 × 1.1 = 49500.00, C = 129500 → 0.08 × 50000 + 0.12 × 29500 = 4000 + 3540 = 7540.00;
        // commission 7540 − 2400 = 5140.00. Base 60000 / 12 = 5000.00. D3 is after the run month.
        #expect(String(decoding: PayrollReport.csv(result.payroll, period: result.period), as: UTF8.self) == """
            period,employee_id,employee_name,pay_type,component,amount,currency,prior_adjustment
            2026-02,R1,"Anna, Jr.",BASE,,5000.00,USD,0.00
            2026-02,R1,"Anna, Jr.",COMMISSION,nb,5140.00,USD,0.00

            """)
        #expect(result.dealCounts.dealRows == 3 && result.dealCounts.won == 3)
    }

    @Test func invalidDealsStopTheRunWithEveryProblem() throws {
        let error = #expect(throws: CompError.self) {
            try Self.run(deals: """
                deal_id,close_date,amount,currency,type,reps
                D1,2026-01-10,100,USD,new,R9
                D2,2026-02-10,100,GBP,new,R1

                """)
        }
        guard case .invalidInput(let diagnostics, _) = error else {
            Issue.record("expected invalid input, got \(String(describing: error))")
            return
        }
        // R9 is in no plan (line 2, field 6); D2 needs a GBP→USD rate for 2026-02 that fx.csv lacks (line 3).
        #expect(diagnostics.map { "\($0.location.lineAndColumn)" } == ["2:6", "3"])
        #expect(diagnostics.last?.message.hasPrefix("no fx rate for 2026-02 GBP→USD") == true)
    }
}
