import Testing
@testable import CompKit

/// §4's measures of one forecast and of a team, on numbers small enough to do by hand.
@Suite struct ForecastScoreTests {
    @Test func errorAccuracyAndBias() {
        // F 90, A 100: error −10; accuracy 1 − 10/100 = 0.9; bias −10/100 = −0.1.
        let under = ForecastScore(forecast: dec("90"), actual: dec("100"))
        #expect(under.error == dec("-10") && under.accuracy == dec("0.9") && under.bias == dec("-0.1"))
        // F 250, A 100: |F − A| / A = 1.5 → accuracy max(0, 1 − 1.5) = 0; bias +1.5.
        let over = ForecastScore(forecast: dec("250"), actual: dec("100"))
        #expect(over.error == dec("150") && over.accuracy == .zero && over.bias == dec("1.5"))
        // F 2, A 3: accuracy 1 − 1/3 = 0.666666…→ 0.666667; bias −1/3 → −0.333333.
        let thirds = ForecastScore(forecast: dec("2"), actual: dec("3"))
        #expect(thirds.accuracy?.description == "0.666667" && thirds.bias?.description == "-0.333333")
    }

    @Test func actualZero() {
        // A = 0: accuracy 1 when F = 0, else 0; bias blank.
        let nothing = ForecastScore(forecast: .zero, actual: .zero)
        #expect(nothing.accuracy == ExactDecimal(1) && nothing.bias == nil && nothing.error == .zero)
        let missed = ForecastScore(forecast: dec("500"), actual: .zero)
        #expect(missed.accuracy == .zero && missed.bias == nil && missed.error == dec("500"))
    }

    @Test func accuracyIsRoundedOnce() {
        // F 1.0000005, A 1: 1 − 0.0000005 = 0.9999995 → 1.000000 (half away from zero). Rounding
        // |F − A| / A first (0.000001) would give 0.999999.
        let score = ForecastScore(forecast: dec("1.0000005"), actual: dec("1"))
        #expect(score.accuracy?.description == "1.000000")
        #expect(score.bias?.description == "0.000001")  // 0.0000005 → 0.000001
    }

    @Test func teamMeasures() {
        // Four reps (F, A): (90, 100), (120, 100), (50, 0), (0, 200).
        let team = TeamForecastScore([
            ForecastScore(forecast: dec("90"), actual: dec("100")),
            ForecastScore(forecast: dec("120"), actual: dec("100")),
            ForecastScore(forecast: dec("50"), actual: .zero),
            ForecastScore(forecast: .zero, actual: dec("200")),
        ])
        // ΣF = 260, ΣA = 400, error −140; accuracy 1 − 140/400 = 0.65; bias −140/400 = −0.35.
        #expect(team.total.forecast == dec("260") && team.total.actual == dec("400"))
        #expect(team.total.error == dec("-140") && team.total.accuracy == dec("0.65") && team.total.bias == dec("-0.35"))
        // WAPE = (10 + 20 + 50 + 200) / 400 = 280 / 400 = 0.7.
        #expect(team.wape == dec("0.7"))
        // MAPE over A > 0: (10/100 + 20/100 + 200/200) / 3 = 1.3 / 3 = 0.433333….
        #expect(team.mape?.description == "0.433333")
        // Accuracies 0.9, 0.8, 0 (A = 0, F ≠ 0), 0: two of four ≥ 0.75.
        #expect(team.shareAccurate == dec("0.5") && team.members == 4)
    }

    @Test func anEmptyTeam() {
        let team = TeamForecastScore([])
        #expect(team.total.accuracy == ExactDecimal(1) && team.total.bias == nil)
        #expect(team.wape == nil && team.mape == nil && team.shareAccurate == nil)
    }
}
