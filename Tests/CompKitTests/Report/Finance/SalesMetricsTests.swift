import Testing
@testable import CompKit

/// The summary's sales metrics (§4) from `FinanceFixture` and the account-executive plan.
@Suite struct SalesMetricsTests {
    @Test func winsCycleCalibrationAndSlippedCommits() throws {
        let metrics = try FinanceFixture.run("2026-02").finance.metrics
        // Closed in February: D2, D4, D5, D6 in USD (2000 + 500 + 100.01 + 300 = 2900.01, average
        // 725.0025 → 725.00) and D3 in EUR (1000). D6 was cancelled in the month.
        #expect(metrics.wins.map { "\($0.currency) \($0.count) \($0.total) \($0.average)" } == ["EUR 1 1000.00 1000.00", "USD 4 2900.01 725.00"])
        #expect(metrics.cancelled == 1)
        // Cycle: D2 30 days, D3 10 days (D4's created date is after its close: left out) → 20.0.
        #expect(metrics.averageCycleDays == dec("20.0") && metrics.cycleDeals == 2)
        // February's snapshot rows expected in February: Commit O1 (open), D4 and D2 (both closed
        // in February) → mean 0.9, 2 of 3 closed = 0.666667; Proposal O2 (open) → 0.5, 0 of 1.
        #expect(metrics.calibration.map { "\($0.stage) \($0.opportunities) \($0.meanProbability) \($0.closed) \($0.closedShare)" }
                == ["Proposal 1 0.500000 0 0.000000", "Commit 3 0.900000 2 0.666667"])
        // Slipped: probability ≥ 0.9, expected in February, not closed: O1 only.
        #expect(metrics.slipped.map(\.id) == ["O1"])
    }

    @Test func attainmentStandingAndDistribution() {
        // January of the account-executive plan: R1's new business C 90000 on a quarter quota of
        // 150000 = 0.6; R2 (from 2026-01-15, no deals) 0. Renewals have quota 0: no attainment.
        let january = AccountExecutive.run("2026-01")
        let measures = january.schedule.runMonthMeasures
        let metrics = SalesMetrics(book: january.book, measures: measures, inputs: ForecastInputs(),
                                   activity: DealActivity(book: january.book, fx: FXTable(), months: nil),
                                   directory: RepDirectory(book: january.book))
        #expect(metrics.attainment.map { "\($0.rep) \($0.component) \($0.attainment)" } == ["R1 new-business 0.600000", "R2 new-business 0.000000"])
        #expect(metrics.standings.map { "\($0.component ?? "*") \($0.reps) \($0.atTarget)" } == ["new-business 2 0", "* 2 0"])
        // Bands: below 50 % (R2), 50–75 % (R1), then none.
        #expect(metrics.distribution.map(\.count) == [1, 1, 0, 0, 0, 0])
        #expect(metrics.calibration.isEmpty && metrics.slipped.isEmpty && metrics.snapshot == nil)
    }
}
