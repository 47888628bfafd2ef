import Foundation
import Testing
@testable import CompKit

/// The parallel credit pass must give exactly what the simple pass gives (issue 6): same files,
/// byte for byte, on a generated data set with every plan feature.
@Suite struct ParallelCreditPassTests {
    /// A generated year (splits, cancellations, four currencies, mid-year hires and plan changes,
    /// two levels of manager roll-up) in a temporary folder.
    private static func dataSet(reps: Int, deals: Int) throws -> (folder: String, inputs: RunInputs) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comp-parallel-\(UUID().uuidString)").path
        try SyntheticDataSet(reps: reps, deals: deals, seed: 2026).write(to: folder)
        let inputs = RunInputs(planPaths: [folder + "/plans"], dealPaths: [folder + "/inputs/deals.csv"], fxPath: folder + "/inputs/fx.csv",
                               forecastsPath: folder + "/inputs/forecasts.csv", pipelinePath: folder + "/inputs/pipeline.csv",
                               expectedPath: folder + "/inputs/expected.csv")
        return (folder, inputs)
    }

    /// The data set's plans as a book for `runMonth`, and its fx rates: what `ParallelCreditPass.run` takes.
    private static func bookAndRates(_ inputs: RunInputs, runMonth: YearMonth) throws -> (book: PlanBook, fx: FXTable) {
        let log = DiagnosticLog()
        let plans = PlanReader.read(files: inputs.planFiles(log: log), log: log)
        let fx = try FXTable.read(path: inputs.fxPath!, log: log).table
        return (PlanBook(plans: plans, runMonth: runMonth), fx)
    }

    /// Everything a run writes but the manifest, whose clock time differs by design: payroll,
    /// credits, attainment, draws, exceptions and the finance files (forecasts, pipeline and
    /// expectations included, so the finance tallies of both passes are compared too).
    private static func files(_ inputs: RunInputs, _ period: YearMonth, pass: RunOptions.CreditPass) throws -> (parallel: Bool, files: [String: [UInt8]]) {
        var options = RunOptions()
        options.creditPass = pass
        let result = try PayrollRun.compute(inputs: inputs, period: period, options: options)
        let files = try PayrollRun.outputFiles(result, command: ["comp"], version: "test").filter { $0.name != "manifest.json" }
        return (result.creditedInParallel, Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }))
    }

    @Test(arguments: [YearMonth(year: 2026, month: 3), YearMonth(year: 2026, month: 7), YearMonth(year: 2026, month: 12)])
    func parallelAndSimplePassesWriteTheSameFiles(period: YearMonth) throws {
        let (folder, inputs) = try Self.dataSet(reps: 300, deals: 20_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let parallel = try Self.files(inputs, period, pass: .automatic)
        let simple = try Self.files(inputs, period, pass: .simple)
        #expect(parallel.parallel, "clean generated CSV must take the parallel pass")
        #expect(!simple.parallel)
        #expect(parallel.files.keys.sorted() == simple.files.keys.sorted())
        for (name, bytes) in simple.files {
            #expect(parallel.files[name] == bytes, "\(name) differs between the passes")
        }
        // The data set is not trivial: credits, chargebacks and roll-ups in the month.
        let credits = String(decoding: simple.files["credits.csv"] ?? [], as: UTF8.self)
        for kind in [",credit,", ",rollup,"] { #expect(credits.contains(kind)) }
    }

    /// CRLF line ends and a last line without one: the parallel pass splits lines as the simple
    /// reader does.
    @Test func windowsLineEndsGiveTheSameFiles() throws {
        let (folder, inputs) = try Self.dataSet(reps: 60, deals: 2_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = inputs.dealPaths[0]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try String(text.replacingOccurrences(of: "\n", with: "\r\n").dropLast()).write(toFile: path, atomically: true, encoding: .utf8)
        let period = YearMonth(year: 2026, month: 6)
        let parallel = try Self.files(inputs, period, pass: .automatic)
        let simple = try Self.files(inputs, period, pass: .simple)
        #expect(parallel.parallel)
        for (name, bytes) in simple.files {
            #expect(parallel.files[name] == bytes, "\(name) differs between the passes")
        }
    }

    /// Any number of threads cuts the file at line ends and adds up to the same totals.
    @Test(arguments: [1, 3, 7])
    func threadCountDoesNotChangeTheResult(threads: Int) throws {
        let (folder, inputs) = try Self.dataSet(reps: 120, deals: 5_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (book, fx) = try Self.bookAndRates(inputs, runMonth: YearMonth(year: 2026, month: 12))
        let one = try #require(try ParallelCreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, threads: 1))
        let many = try #require(try ParallelCreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, threads: threads))
        #expect(one.totals.componentCredits == many.totals.componentCredits)
        #expect(one.totals.spiffAmounts == many.totals.spiffAmounts)
        #expect(try CreditsReport.csv(one.totals.runMonthCreditRows, period: book.runMonth)
                == (try CreditsReport.csv(many.totals.runMonthCreditRows, period: book.runMonth)))
        #expect(one.rowsPerFile == many.rowsPerFile && one.rowsPerFile == [5_000])
    }

    /// A tiny deal-id filter raises many false alarms: the exact second scan clears them and the
    /// totals stay the same; a real repeated id makes the pass give way to the simple one.
    @Test func falseAlarmsOfTheIDFilterAreClearedAndRealRepeatsAreNot() throws {
        let (folder, inputs) = try Self.dataSet(reps: 60, deals: 2_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (book, fx) = try Self.bookAndRates(inputs, runMonth: YearMonth(year: 2026, month: 6))
        let roomy = try #require(try ParallelCreditPass.run(paths: inputs.dealPaths, book: book, fx: fx))
        let crowded = try #require(try ParallelCreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, idFilterLog2Words: 4))
        #expect(roomy.totals.componentCredits == crowded.totals.componentCredits)

        let path = inputs.dealPaths[0]
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try (lines.joined(separator: "\n") + "\n" + lines[1] + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ParallelCreditPass.run(paths: inputs.dealPaths, book: book, fx: fx) == nil)
    }

    /// A row the parallel pass cannot vouch for sends the run down the simple pass, which
    /// reports it with its line.
    @Test func aBrokenRowFallsBackToTheSimplePassAndIsReported() throws {
        let (folder, inputs) = try Self.dataSet(reps: 50, deals: 500)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = inputs.dealPaths[0]
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "BROKEN-1,2026-02-30,100,USD,new,CORE,R0000001,,,\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try PayrollRun.compute(inputs: inputs, period: YearMonth(year: 2026, month: 3))
        } throws: { error in
            guard case CompError.invalidInput(let problems, _) = error else { return false }
            // Line 1 is the header, then 500 deals: the broken row is line 502, field 2.
            return problems.map(\.description) == ["\(path):502:2: error: close_date '2026-02-30' is not a date YYYY-MM-DD"]
        }
    }
}
