import Testing
@testable import CompKit

/// variance.csv (§5 and §7): the four measures, the flag at its thresholds, the first fiscal month.
@Suite struct VarianceReportTests {
    typealias Thresholds = VarianceReport.Thresholds

    @Test func flagsAtTheThresholds() {
        let standard = Thresholds.standard  // 10 % and 100
        // 100 on a baseline of 1000 is exactly 10 %: both thresholds reached.
        #expect(standard.flags(delta: dec("100"), baseline: dec("1000")))
        #expect(standard.flags(delta: dec("-100"), baseline: dec("1000")))
        // 99.99 is under the amount; 100 on 1000.01 is 9.9999… %, under the percentage.
        #expect(!standard.flags(delta: dec("99.99"), baseline: dec("999.9")))
        #expect(!standard.flags(delta: dec("100"), baseline: dec("1000.01")))
        // Baseline 0: the amount alone decides; delta 0 is never flagged.
        #expect(standard.flags(delta: dec("100"), baseline: .zero))
        #expect(!standard.flags(delta: dec("99"), baseline: .zero))
        #expect(!standard.flags(delta: .zero, baseline: .zero))
        // A negative baseline (a clawback month): the percentage is of |baseline|: 150 on −1000 is 15 %.
        #expect(standard.flags(delta: dec("150"), baseline: dec("-1000")))
        // --threshold-pct 12.5 --threshold-amount 0: 12.5 on 100 is flagged, 12.49 is not.
        let custom = Thresholds(percent: dec("12.5"), amount: .zero)
        #expect(custom.flags(delta: dec("12.5"), baseline: dec("100")) && !custom.flags(delta: dec("12.49"), baseline: dec("100")))
        #expect(!Thresholds(percent: .zero, amount: .zero).flags(delta: .zero, baseline: dec("5")))
    }

    @Test func februaryFile() throws {
        let result = try FinanceFixture.run("2026-02")
        // Commission is 10 % of the quarter's credit to date, paid as earned(m) − earned(m−1).
        // R1: January C 1000 → 100.00; February C 1000 + 2150.01 = 3150.01 → 315.001 → 315.00, paid 215.00.
        //     last_month 215.00 vs 100.00: +115.00 = +115 % → Y. target 24000 / 12 = 2000.00: −1785.00,
        //     −89.25 % → Y. expected 200.00: +15.00 < 100 → no flag. BASE (1000.00) is not variable pay.
        // R2: February C 1000 + 50.01 + 300 − 300 = 1050.01 → 105.00; January 0. last_month: +105.00 on a
        //     baseline of 0 → Y, delta_pct blank. target 0 → the same. expected 105.00: delta 0, no flag.
        // R3 (EUR): 450.00 × 10 % = 45.00, under 100 everywhere. R4: nothing at all.
        #expect(FinanceFixture.text(result.finance.variance.csv()) == """
            period,employee_id,measure,current,baseline,delta,delta_pct,flag
            2026-02,R1,last_month,215.00,100.00,115.00,115.000000,Y
            2026-02,R1,target,215.00,2000.00,-1785.00,-89.250000,Y
            2026-02,R1,expected,215.00,200.00,15.00,7.500000,
            2026-02,R2,last_month,105.00,0.00,105.00,,Y
            2026-02,R2,target,105.00,0.00,105.00,,Y
            2026-02,R2,expected,105.00,105.00,0.00,0.000000,
            2026-02,R3,last_month,45.00,0.00,45.00,,
            2026-02,R3,target,45.00,0.00,45.00,,
            2026-02,R4,last_month,0.00,0.00,0.00,,
            2026-02,R4,target,0.00,0.00,0.00,,

            """)
    }

    @Test func thresholdsComeFromTheRun() throws {
        // --threshold-amount 110: R2's 105.00 is no longer flagged; R1's 115.00 still is.
        let result = try FinanceFixture.run("2026-02", thresholds: Thresholds(percent: ExactDecimal(10), amount: dec("110")))
        let flagged = result.finance.variance.rows.filter(\.flagged).map { "\($0.employeeID) \($0.measure.label)" }
        #expect(flagged == ["R1 last_month", "R1 target"])
    }

    @Test func theFirstFiscalMonthHasNoLastMonth() throws {
        // January opens the fiscal year: last month's baseline is 0 (R1: 100.00 commission on D1),
        // and 100.00 on a baseline of 0 reaches the amount threshold: flagged.
        let rows = try FinanceFixture.run("2026-01").finance.variance.rows
        let first = try #require(rows.first { $0.employeeID == "R1" && $0.measure == .lastMonth })
        #expect(first.current == dec("100") && first.baseline == .zero && first.deltaPercent == nil && first.flagged)
    }

    @Test func priorAdjustmentsWithALedger() throws {
        // The account-executive month of March with January's and February's pay recorded as paid,
        // except 100.00 of R1's January commission: payable(March) = computed to date − paid, so the
        // 100.00 comes back in March as a prior-period adjustment (§3.10).
        let january = AccountExecutive.run("2026-01")
        let february = AccountExecutive.run("2026-02")
        var paid: [PaymentLedger.Payment] = []
        for (scenario, period) in [(january, "2026-01"), (february, "2026-02")] {
            for row in scenario.payroll.rows {
                let short = period == "2026-01" && row.key.employeeID == "R1" && row.key.payType == .commission
                paid.append(PaymentLedger.Payment(period: month(period), key: row.key, amount: row.amount - (short ? dec("100") : .zero)))
            }
        }
        let march = AccountExecutive.run("2026-03", paid: paid)
        let report = VarianceReport(
            book: march.book, schedule: march.schedule, payroll: march.payroll, expected: nil, hasLedger: true,
            thresholds: .standard, directory: RepDirectory(book: march.book), checks: FinanceChecks(fx: FXTable()))
        let adjustments = report.rows.filter { $0.measure == .priorAdjustment }.map { "\($0.employeeID) \($0.current.map { "\($0)" } ?? "blank") \($0.flagged)" }
        // 100.00 against a baseline of 0: exactly the amount threshold → flagged.
        #expect(adjustments == ["R1 100.00 true", "R2 0 false"])
        #expect(!report.rows.contains { $0.measure == .expected })
    }
}
