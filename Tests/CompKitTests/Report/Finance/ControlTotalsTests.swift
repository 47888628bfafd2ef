import Testing
@testable import CompKit

/// The summary's control totals (§5) tie to the deals and to the files.
@Suite struct ControlTotalsTests {
    @Test func creditsInAndOutWithTheResidual() throws {
        let controls = try FinanceFixture.run("2026-02").finance.controls
        #expect(controls.dealRows == 6 && controls.won == 5 && controls.cancelled == 1)
        // USD credits dated in February, once per rep and deal: D2 1000 + 1000, D3 1000 × 1.1 = 1100,
        // D5 50.005 + 50.005, D6 300: in 3500.01, out (50.005 → 50.01 twice) 3500.02, residual +0.01.
        let usd = try #require(controls.credits.first { $0.currency == .usd })
        #expect(usd.recomputed.count == 6 && usd.recomputed.amountIn == dec("3500.01"))
        #expect(usd.recomputed.creditOut == dec("3500.02") && usd.recomputed.residual == dec("0.01"))
        // credits.csv's own credit rows say the same.
        #expect(usd.posted.count == 6 && usd.posted.total == dec("3500.02") && usd.reconciles)
        // EUR: D4 500 × 0.9 = 450.00 for R3, no residual.
        let eur = try #require(controls.credits.first { $0.currency == .eur })
        #expect(eur.recomputed.count == 1 && eur.recomputed.amountIn == dec("450") && eur.recomputed.residual == .zero && eur.reconciles)
        // D6's chargeback: one row of −300.00.
        #expect(controls.chargebacks.map { "\($0.currency) \($0.count) \($0.total)" } == ["USD 1 -300.00"])
    }

    @Test func payrollTotalsAreTheSumsOfPayrollCSV() throws {
        let result = try FinanceFixture.run("2026-02")
        let controls = result.finance.controls
        // Sum payroll.csv's columns as a reader of the file would.
        var sums: [String: (rows: Int, amount: ExactDecimal, adjustment: ExactDecimal)] = [:]
        for line in FinanceFixture.text(PayrollReport.csv(result.payroll, period: result.period)).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let key = fields[6] + " " + fields[3]
            sums[key, default: (0, .zero, .zero)].rows += 1
            sums[key, default: (0, .zero, .zero)].amount += dec(fields[5])
            sums[key, default: (0, .zero, .zero)].adjustment += dec(fields[7])
        }
        let totals = controls.pay.map { "\($0.currency.code) \($0.payType?.label ?? "")" }
        #expect(Set(totals) == Set(sums.keys))
        for line in controls.pay {
            let sum = sums["\(line.currency.code) \(line.payType?.label ?? "")"]
            #expect(sum?.rows == line.rows && sum?.amount == line.amount && sum?.adjustment == line.priorAdjustment)
        }
        // USD: BASE 1000.00 (R1) + COMMISSION 215.00 (R1) + 105.00 (R2) = 1320.00 over 3 rows.
        let usd = controls.payTotal(.usd)
        #expect(usd.rows == 3 && usd.computed == dec("1320") && usd.amount == dec("1320"))
    }
}
