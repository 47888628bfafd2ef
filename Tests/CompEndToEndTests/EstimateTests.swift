import Foundation
import Testing

/// `comp estimate` (issue #5): the what-if pay is what payroll.csv says once the same deals are in
/// deals.csv (dated the run month's last day, in the rep's plan currency, 100 % to the rep).
@Suite struct EstimateTests {
    /// Runs the estimate, then appends the same deals to deals.csv and runs the month: the estimate's
    /// "with deals" column must be the rep's new payroll rows and its "actual" column the old ones.
    private func expectEstimateMatchesRerun(_ workspace: Workspace, rep: String, period: String, date: String, currency: String,
                                            adds: [(amount: String, type: String, product: String)]) throws -> String {
        let before = try workspace.comp("run", "--period", period, "--no-statements", "--out", "before")
        try #require(before.status == 0, before.transcript)
        let estimate = try workspace.comp(["estimate", "--rep", rep, "--period", period]
                                          + adds.flatMap { ["--add", "\($0.amount):\($0.type):\($0.product)"] })
        try #require(estimate.status == 0, estimate.transcript)
        var deals = try workspace.read("inputs/deals.csv")
        for (index, add) in adds.enumerated() {
            deals = PayTables.appendDeal(["deal_id": "X\(index)", "close_date": date, "amount": add.amount, "currency": currency,
                                          "type": add.type, "product": add.product, "reps": rep, "status": "won"], to: deals)
        }
        try workspace.write("inputs/deals.csv", deals)
        let after = try workspace.comp("run", "--period", period, "--no-statements", "--out", "after")
        try #require(after.status == 0, after.transcript)
        let columns = PayTables.estimate(estimate.stdout)
        #expect(columns.actual == PayTables.payroll(try workspace.read("before/payroll.csv"), employee: rep), estimate.transcript)
        #expect(columns.whatIf == PayTables.payroll(try workspace.read("after/payroll.csv"), employee: rep), estimate.transcript)
        #expect(!workspace.exists("out"), "estimate writes nothing")
        return estimate.stdout
    }

    /// Fixtures/hand-month, R1 in February: C = 112000.13 + 20000 + 1500.50 = 133500.63 →
    /// 0.05 × 100000 + 0.10 × 33500.63 = 8350.063 → 8350.06; commission 8350.06 − 2900.00 = 5450.06;
    /// SPIFF 200 + 200 (the ANALYTICS deal) = 400.00.
    @Test func handMonthEstimateEqualsAddingTheDealsAndRunningAgain() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let text = try expectEstimateMatchesRerun(workspace, rep: "R1", period: "2026-02", date: "2026-02-28", currency: "USD",
                                                  adds: [("20000", "new", "CORE"), ("1500.50", "upsell", "ANALYTICS")])
        let columns = PayTables.estimate(text)
        #expect(columns.whatIf == [["BASE", "", "USD", "5000.00"], ["COMMISSION", "new", "USD", "5450.06"],
                                   ["BONUS", "new", "USD", "1000.00"], ["SPIFF", "analytics", "USD", "400.00"]])
    }

    /// R2 in February is at 29370.49 of a 60000 quota; 40000 more crosses into tier 2 (from 60000.00, 10 %) and
    /// reaches the club bonus: C = 69370.49 → 0.05 × 60000 + 0.10 × 9370.49 = 3937.049 → 3937.05;
    /// commission 3937.05 − 1100.00 = 2837.05.
    @Test func estimateNamesTheTiersCrossed() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let text = try expectEstimateMatchesRerun(workspace, rep: "R2", period: "2026-02", date: "2026-02-28", currency: "USD",
                                                  adds: [("40000", "new", "")])
        #expect(text.contains("new: the deals cross into tier 2, from 60000.00, paid at 10 %."), "\(text)")
        #expect(text.contains("new: bonus club (1000.00) is reached with the deals."), "\(text)")
        #expect(PayTables.estimate(text).whatIf.contains(["COMMISSION", "new", "USD", "2837.05"]))
    }

    /// A payment added with `--add-payment` is what payroll.csv says once payments.csv has it. The
    /// hand-month reps plan gets `collected` (renewals, credited on payment, 10 %); D06 (renewal,
    /// 5000.00, R1) was paid 2000.00 on 2026-02-28: 200.00; with 1000.00 more, 3000.00 × 10 % = 300.00.
    @Test func anAddedPaymentEqualsAddingItToPaymentsAndRunningAgain() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        try workspace.replace(in: "plans/reps.xml", #"  <spiff id="analytics""#, with: """
              <component id="collected" types="renewal" creditOn="payment">
                <rateTable method="graduated" basis="amount"><tier from="0" rate="0.1"/></rateTable>
              </component>
              <spiff id="analytics"
            """)
        try workspace.write("inputs/payments.csv", "deal_id,paid_date,amount\nD06,2026-02-28,2000.00\n")
        let estimate = try workspace.comp("estimate", "--rep", "R1", "--period", "2026-02", "--add-payment", "D06:1000")
        try #require(estimate.status == 0, estimate.transcript)
        let columns = PayTables.estimate(estimate.stdout)
        #expect(columns.actual.contains(["COMMISSION", "collected", "USD", "200.00"]), estimate.transcript)
        #expect(columns.whatIf.contains(["COMMISSION", "collected", "USD", "300.00"]), estimate.transcript)
        try workspace.write("inputs/payments.csv", "deal_id,paid_date,amount\nD06,2026-02-28,2000.00\nD06,2026-02-28,1000\n")
        let after = try workspace.comp("run", "--period", "2026-02", "--no-statements", "--out", "after")
        try #require(after.status == 0, after.transcript)
        #expect(columns.whatIf == PayTables.payroll(try workspace.read("after/payroll.csv"), employee: "R1"))
        let unknown = try workspace.comp("estimate", "--rep", "R1", "--period", "2026-02", "--add-payment", "D99:1000")
        #expect(unknown.status == 1 && unknown.stderr.contains("--add-payment:1:1: error: deal_id 'D99' is not a deal of the deals files"),
                unknown.transcript)
    }

    /// The project's data: a euro rep with a SPIFF paid as a rate (support-attach, 1 %), a manager
    /// chain above her (whose pay the estimate does not show), and a dollar rep with a draw.
    @Test(arguments: [("R009", "EUR", "30000:new:SUPPORT"), ("R001", "USD", "250000.75:upsell:ANALYTICS"), ("M02", "USD", "1000:new:")])
    func exampleDataEstimateEqualsAddingTheDeal(rep: String, currency: String, add: String) throws {
        let workspace = try Workspace.project()
        let parts = add.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let text = try expectEstimateMatchesRerun(workspace, rep: rep, period: "2026-03", date: "2026-03-31", currency: currency,
                                                  adds: [(parts[0], parts[1], parts[2])])
        for other in ["M01", "Diane Foster"] where rep != "M01" {
            #expect(!text.contains(other), "the estimate shows \(other)")
        }
    }

    /// Fixtures/ledger-year with January closed and a late January deal (see StatementTests): February pays
    /// BASE 1000.00, COMMISSION 600.00 + 300.00 adjustment = 900.00. Adding 7000: C = 19000 →
    /// 1000 + 0.20 × 9000 = 2800.00, commission 2800 − 800 = 2000.00, payable 2000.00 + 300.00 = 2300.00.
    @Test func withALedgerTheEstimateShowsWhatIsPayable() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        let close = try workspace.comp("close", "--period", "2026-01")
        try #require(close.status == 0, close.transcript)
        try workspace.write("inputs/deals.csv", try workspace.read("inputs/deals.csv") + "D8,2026-01-20,3000,USD,new,R1\n")
        let estimate = try workspace.comp("estimate", "--rep", "R1", "--period", "2026-02", "--add", "7000")
        try #require(estimate.status == 0, estimate.transcript)
        let columns = PayTables.estimate(estimate.stdout)
        #expect(columns.actual == [["BASE", "", "USD", "1000.00"], ["COMMISSION", "nb", "USD", "900.00"]], estimate.transcript)
        #expect(columns.whatIf == [["BASE", "", "USD", "1000.00"], ["COMMISSION", "nb", "USD", "2300.00"]], estimate.transcript)
    }

    @Test(arguments: [[], ["--add", "0"], ["--add", "12,5"], ["--add", "100:new deal"], ["--add", "100", "--rep", "R9"]])
    func wrongArgumentsAreUsageErrors(_ extra: [String]) throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let rep = extra.contains("--rep") ? [] : ["--rep", "R1"]
        let run = try workspace.comp(["estimate", "--period", "2026-02"] + rep + extra)
        #expect(run.status == 2, run.transcript)
        #expect(!run.stderr.isEmpty && !workspace.exists("out"))
    }
}
