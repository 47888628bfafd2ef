import Testing
@testable import CompKit

/// forecast_accuracy.csv from files (§4, §5, §7): actuals, the weighted forecast with its
/// snapshot and fx, the row pairs and the TEAM rows. Inputs and credits: `FinanceFixture`.
@Suite struct ForecastAccuracyTests {
    @Test func februaryFile() throws {
        let result = try FinanceFixture.run("2026-02")
        // R1 commit 2000 vs A 2150.01: error −150.01; accuracy 2000 / 2150.01 = 0.930228;
        //    bias −150.01 / 2150.01 = −0.069772.
        // R1 weighted 900 + 110 = 1010: error −1140.01; accuracy 1010 / 2150.01 = 0.469765; bias −0.530235.
        // R2 commit 1500 vs 1350.01: error 149.99; accuracy (1350.01 − 149.99) / 1350.01 = 0.888897; bias 0.111103.
        // R2 weighted 299.997 (not rounded): error −1050.013 → −1050.01; accuracy 299.997 / 1350.01 = 0.222218
        //    (300 / 1350.01 would be 0.222220); bias −1050.013 / 1350.01 = −0.777782.
        // R3 (EUR, no commit row: 0) vs 450.00: error −450; accuracy max(0, 1 − 450/450) = 0; bias −1.
        // R3 weighted 517.5: error 67.5; accuracy 1 − 67.5/450 = 0.85; bias 0.15.
        // R4 commit 500 vs A 0: accuracy 0, bias blank; weighted: no row counted → 0 vs 0: accuracy 1.
        // TEAM in USD (three USD reps against one EUR), R3 at 2026-02 EUR→USD 1.1 (450 → 495, 517.5 → 569.25):
        //    commit ΣF 2000 + 1500 + 0 + 500 = 4000, ΣA 2150.01 + 1350.01 + 495 + 0 = 3995.02, error 4.98,
        //    accuracy 3990.04 / 3995.02 = 0.998753, bias 4.98 / 3995.02 = 0.001247;
        //    weighted ΣF 1010 + 299.997 + 569.25 = 1879.247, error −2115.773, accuracy 1879.247 / 3995.02
        //    = 0.470397, bias −0.529603.
        #expect(FinanceFixture.text(result.finance.forecast.csv()) == """
            period,rep_id,method,forecast,actual,error,accuracy,bias
            2026-02,R1,commit,2000.00,2150.01,-150.01,0.930228,-0.069772
            2026-02,R1,weighted,1010.00,2150.01,-1140.01,0.469765,-0.530235
            2026-02,R2,commit,1500.00,1350.01,149.99,0.888897,0.111103
            2026-02,R2,weighted,300.00,1350.01,-1050.01,0.222218,-0.777782
            2026-02,R3,commit,0.00,450.00,-450.00,0.000000,-1.000000
            2026-02,R3,weighted,517.50,450.00,67.50,0.850000,0.150000
            2026-02,R4,commit,500.00,0.00,500.00,0.000000,
            2026-02,R4,weighted,0.00,0.00,0.00,1.000000,
            2026-02,TEAM,commit,4000.00,3995.02,4.98,0.998753,0.001247
            2026-02,TEAM,weighted,1879.25,3995.02,-2115.77,0.470397,-0.529603

            """)
    }

    /// D5 split between R1 and R2 as a CRM exports it, one pipeline row per rep with that rep's share:
    /// R1 0.6 × 60.00 = 36, R2 0.6 × 40.01 = 24.006 added to their weighted forecasts (1010 → 1046,
    /// 299.997 → 324.003). Calibration counts both rows: Negotiation 2 opportunities, mean 0.6, and
    /// both closed, D5 having closed in February.
    @Test func aSplitOpportunityCountsOncePerRep() throws {
        let split = FinanceFixture.pipeline + """
            D5,R1,2026-02-01,Negotiation,0.6,60.00,USD,2026-02-20
            D5,R2,2026-02-01,Negotiation,0.6,40.01,USD,2026-02-20

            """
        let result = try FinanceFixture.run("2026-02", files: ["pipeline.csv": split])
        let weighted = result.finance.forecast.reps.map { ($0.rep, $0.weighted.forecast) }
        #expect(weighted.map(\.0) == ["R1", "R2", "R3", "R4"])
        #expect(weighted.map(\.1) == [dec("1046"), dec("324.003"), dec("517.5"), .zero])
        let negotiation = try #require(result.finance.metrics.calibration.first { $0.stage == "Negotiation" })
        #expect(negotiation.opportunities == 2 && negotiation.meanProbability == dec("0.6") && negotiation.closed == 2)
    }

    @Test func weightedForecastKeepsEveryDecimal() throws {
        let forecast = try FinanceFixture.run("2026-02").finance.forecast
        // 0.9 × 333.33 = 299.997 exactly; 0.9 × 500 GBP × 1.15 = 517.5 EUR.
        #expect(forecast.reps.first { $0.rep == "R2" }?.weighted.forecast == dec("299.997"))
        #expect(forecast.reps.first { $0.rep == "R3" }?.weighted.forecast == dec("517.5"))
        #expect(forecast.teamCurrency == .usd && forecast.teamRates[.eur] == dec("1.1"))
    }

    @Test func snapshotIsTheLatestOnOrBeforeTheFirstDay() throws {
        let pipeline = try FinanceFixture.run("2026-02").finance.metrics.snapshot
        #expect(pipeline == day("2026-02-01"))
        // Moving the February snapshot to 2026-02-02 leaves 2026-01-01 as the latest on or before
        // 2026-02-01: its only February row is O1 at 0.5 × 1000 = 500 for R1; R2 and R3 have none.
        let moved = FinanceFixture.pipeline.replacingOccurrences(of: "2026-02-01", with: "2026-02-02")
        let forecast = try FinanceFixture.run("2026-02", files: ["pipeline.csv": moved]).finance.forecast
        #expect(forecast.reps.map { "\($0.rep) \($0.weighted.forecast.map { "\($0)" } ?? "blank")" } == ["R1 500.000", "R2 0", "R3 0", "R4 0"])
    }

    @Test func yearAndQuarterToDate() throws {
        let forecast = try FinanceFixture.run("2026-02").finance.forecast
        let year = try #require(forecast.yearToDate)
        // January adds R1 (commit 800, weighted 0.9 × 1000 = 900 from O7, actual 1000) to February's four reps.
        // Commit: ΣF 800 + 4000 = 4800, ΣA 1000 + 3995.02 = 4995.02; accuracy 4800 / 4995.02 = 0.960957;
        //    bias −195.02 / 4995.02 = −0.039043; WAPE (200 + 150.01 + 149.99 + 495 + 500) / 4995.02
        //    = 1495 / 4995.02 = 0.299298; MAPE (200/1000 + 150.01/2150.01 + 149.99/1350.01 + 495/495) / 4
        //    = (0.2 + 0.069772 + 0.111103 + 1) / 4 = 0.345219.
        // Weighted: ΣF 900 + 1879.247 = 2779.247; accuracy 2779.247 / 4995.02 = 0.556404; bias −0.443596.
        #expect(year.label == "FY2026 to date" && year.months == month("2026-01")...month("2026-02"))
        #expect(year.commit.total.forecast == dec("4800") && year.commit.total.actual == dec("4995.02"))
        #expect(year.commit.total.accuracy?.description == "0.960957" && year.commit.total.bias?.description == "-0.039043")
        #expect(year.commit.wape?.description == "0.299298" && year.commit.mape?.description == "0.345219")
        #expect(year.weighted.total.forecast == dec("2779.247") && year.weighted.total.accuracy?.description == "0.556404")
        #expect(forecast.quarterToDate?.label == "FY2026-Q1 to date" && forecast.quarterToDate?.commit == year.commit)
        // The month alone: WAPE (150.01 + 149.99 + 495 + 500) / 3995.02 = 1295 / 3995.02 = 0.324154;
        // MAPE (0.069772… + 0.111103… + 1) / 3 = 0.393625; reps ≥ 0.75 accurate: R1, R2 of four = 0.5.
        #expect(forecast.team.commit.wape?.description == "0.324154" && forecast.team.commit.mape?.description == "0.393625")
        #expect(forecast.team.commit.shareAccurate == dec("0.5"))
    }

    /// Without GBP→EUR for 2026-02, D4's pipeline row cannot be converted for R3: R3's weighted row
    /// leaves its forecast, error, accuracy and bias blank, and so does TEAM weighted (ΣF unknown;
    /// ΣA 3995.02 still known). Commit rows need no GBP rate and stay as in `februaryFile`; payroll
    /// is computed as ever, and exceptions.csv names the pair once.
    @Test func aMissingRateForTheWeightedForecastLeavesItsCellsBlank() throws {
        let fx = FinanceFixture.fx.replacingOccurrences(of: "2026-02,GBP,EUR,1.15\n", with: "")
        // A second opportunity of R3's after D4, with no conversion: the forecast stays unknown.
        let pipeline = FinanceFixture.pipeline + "O9,R3,2026-02-01,Commit,0.5,100.00,EUR,2026-02-10\n"
        let result = try FinanceFixture.run("2026-02", files: ["fx.csv": fx, "pipeline.csv": pipeline])
        let lines = FinanceFixture.text(result.finance.forecast.csv()).split(separator: "\n")
        #expect(lines.filter { $0.contains(",R3,") || $0.contains(",TEAM,") } == [
            "2026-02,R3,commit,0.00,450.00,-450.00,0.000000,-1.000000",
            "2026-02,R3,weighted,,450.00,,,",
            "2026-02,TEAM,commit,4000.00,3995.02,4.98,0.998753,0.001247",
            "2026-02,TEAM,weighted,,3995.02,,,",
        ])
        #expect(result.finance.forecast.yearToDate?.weighted.total.forecast == nil)
        #expect(result.finance.forecast.yearToDate?.commit.total.forecast == dec("4800"))
        #expect(result.finance.missingRates.map(\.label) == ["2026-02 GBP→EUR"])
        let exceptions = result.finance.exceptions
        #expect(exceptions.map { "\($0.source) \($0.line) \($0.id)" } == ["fx.csv 0 2026-02 GBP→EUR"])
        #expect(exceptions.first?.reason.contains("opportunity D4") == true)
        // Payroll does not depend on it: R3's commission 10 % of 450.00 = 45.00 EUR.
        #expect(result.payroll.rows.contains { $0.key.employeeID == "R3" && $0.key.payType == .commission && $0.amount == dec("45") })
    }
}
