import CompGenerate
import Foundation
import Testing
@testable import CompKit

/// The one credit pass reads deals however a file writes them — plain or quoted CSV, `\n` or
/// `\r\n`, XML — on any number of threads, and gives the same totals and files for the same deals.
@Suite struct CreditPassTests {
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

    /// The data set's plans as a book for `runMonth`, and its fx rates: what `CreditPass.run` takes.
    private static func bookAndRates(_ inputs: RunInputs, runMonth: YearMonth) throws -> (book: PlanBook, fx: FXTable) {
        let log = DiagnosticLog()
        let plans = PlanReader.read(files: inputs.planFiles(log: log), log: log)
        let fx = try FXTable.read(path: inputs.fxPath!, log: log).table
        return (PlanBook(plans: plans, runMonth: runMonth), fx)
    }

    /// Everything a run writes but the manifest, whose clock time differs by design: payroll,
    /// credits, attainment, draws, exceptions and the finance files (forecasts, pipeline and
    /// expectations included, so the finance tallies are compared too).
    private static func files(_ inputs: RunInputs, _ period: YearMonth) throws -> [String: [UInt8]] {
        let result = try PayrollRun.compute(inputs: inputs, period: period)
        let files = try PayrollRun.outputFiles(result, command: ["comp"], version: "test").filter { $0.name != "manifest.json" }
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) })
    }

    /// The data set's deals written again as `name`: every field quoted, `\r\n` line ends, a
    /// comma, a doubled quote and a line break inside quoted fields of an extra column.
    private static func quoted(_ path: String, as name: String) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let rewritten = lines.enumerated().map { number, line in
            let note = number == 0 ? "note" : number % 3 == 0 ? "call \"back\"\nsoon, maybe" : ""
            return (line.split(separator: ",", omittingEmptySubsequences: false).map { "\"\($0)\"" }
                    + ["\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""]).joined(separator: ",")
        }
        let target = (path as NSString).deletingLastPathComponent + "/" + name
        try (rewritten.joined(separator: "\r\n") + "\r\n").write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    @Test(arguments: [YearMonth(year: 2026, month: 3), YearMonth(year: 2026, month: 12)])
    func quotedCRLFDealsGiveTheSameFilesAsPlainOnes(period: YearMonth) throws {
        let (folder, inputs) = try Self.dataSet(reps: 300, deals: 20_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try Self.files(inputs, period)
        var quotedInputs = inputs
        quotedInputs.dealPaths = [try Self.quoted(inputs.dealPaths[0], as: "deals.csv")]
        let quoted = try Self.files(quotedInputs, period)
        #expect(plain.keys.sorted() == quoted.keys.sorted())
        for (name, bytes) in plain {
            // Line numbers in exceptions.csv count the line breaks inside quotes.
            guard name != "exceptions.csv" else { continue }
            #expect(quoted[name] == bytes, "\(name) differs between plain and quoted deals")
        }
        // The data set is not trivial: credits, chargebacks and roll-ups in the month.
        let credits = String(decoding: plain["credits.csv"] ?? [], as: UTF8.self)
        for kind in [",credit,", ",rollup,"] { #expect(credits.contains(kind)) }
    }

    /// Line breaks inside quotes everywhere: the cut between the threads falls inside a quoted
    /// field, the pass sees it and cuts again by counting quotes, and the totals stay the same.
    @Test func aCutInsideAQuotedFieldIsMadeAgain() throws {
        let (folder, inputs) = try Self.dataSet(reps: 60, deals: 3_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (book, fx) = try Self.bookAndRates(inputs, runMonth: YearMonth(year: 2026, month: 9))
        let path = inputs.dealPaths[0]
        let text = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let multiline = try write(([text[0] + ",note"] + text.dropFirst().map { $0 + ",\"a\n\nb\n\nc\n\nd\"" }).joined(separator: "\n") + "\n",
                                  to: "multiline.csv", in: folder)
        let log = DiagnosticLog()
        let plain = try CreditPass.run(paths: [path], book: book, fx: fx, log: log, threads: 1)
        for threads in [2, 5] {
            let cut = try CreditPass.run(paths: [multiline], book: book, fx: fx, log: log, threads: threads)
            #expect(cut.totals.componentCredits == plain.totals.componentCredits && cut.rowsPerFile == [3_000])
        }
        #expect(log.isEmpty)
    }

    /// Any number of threads cuts the file at line ends and adds up to the same totals.
    @Test(arguments: [1, 3, 7])
    func threadCountDoesNotChangeTheResult(threads: Int) throws {
        let (folder, inputs) = try Self.dataSet(reps: 120, deals: 5_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (book, fx) = try Self.bookAndRates(inputs, runMonth: YearMonth(year: 2026, month: 12))
        let log = DiagnosticLog()
        let one = try CreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, log: log, threads: 1)
        let many = try CreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, log: log, threads: threads)
        #expect(log.isEmpty)
        #expect(one.totals.componentCredits == many.totals.componentCredits)
        #expect(one.totals.spiffAmounts == many.totals.spiffAmounts)
        #expect(try CreditsReport.csv(one.totals.runMonthCreditRows, period: book.runMonth)
                == (try CreditsReport.csv(many.totals.runMonthCreditRows, period: book.runMonth)))
        #expect(one.rowsPerFile == many.rowsPerFile && one.rowsPerFile == [5_000])
    }

    /// Ranges split while they are read (the least a split leaves made tiny, so that the thread
    /// done first takes over half of what the other has left, and so on) give the same totals,
    /// credits.csv and problems, at the same lines, as one thread reading the file in one go.
    @Test func rangesSplitWhileReadChangeNothing() throws {
        let (folder, inputs) = try Self.dataSet(reps: 120, deals: 5_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (book, fx) = try Self.bookAndRates(inputs, runMonth: YearMonth(year: 2026, month: 12))
        // A broken close date every 400 rows: each range reports its own, at its file line.
        let path = inputs.dealPaths[0]
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let broken = lines.enumerated().map { number, line in
            guard number > 0 && number % 400 == 0 else { return line }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
            fields[1] = "2026-02-30"
            return fields.joined(separator: ",")
        }
        try (broken.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (oneLog, splitLog) = (DiagnosticLog(), DiagnosticLog())
        let one = try CreditPass.run(paths: [path], book: book, fx: fx, log: oneLog, threads: 1)
        let split = try CreditPass.run(paths: [path], book: book, fx: fx, log: splitLog, threads: 2, smallestSplit: 256)
        #expect(oneLog.sorted.count == 12)
        #expect(splitLog.sorted.map(\.description) == oneLog.sorted.map(\.description))
        #expect(oneLog.sorted.first?.description.hasPrefix("\(path):401:2: error: close_date") == true)
        #expect(split.totals.componentCredits == one.totals.componentCredits)
        #expect(split.totals.spiffAmounts == one.totals.spiffAmounts)
        #expect(try CreditsReport.csv(split.totals.runMonthCreditRows, period: book.runMonth)
                == (try CreditsReport.csv(one.totals.runMonthCreditRows, period: book.runMonth)))
        #expect(split.totals.exceptions.map(\.line) == one.totals.exceptions.map(\.line))
        #expect(split.rowsPerFile == one.rowsPerFile && one.rowsPerFile == [5_000])
    }

    /// A tiny deal-id filter raises many false alarms: the exact second scan clears them and the
    /// totals stay the same; a real repeated id is reported at its second use, naming the first.
    @Test func falseAlarmsOfTheIDFilterAreClearedAndRealRepeatsAreNot() throws {
        let (folder, inputs) = try Self.dataSet(reps: 60, deals: 2_000)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (book, fx) = try Self.bookAndRates(inputs, runMonth: YearMonth(year: 2026, month: 6))
        let log = DiagnosticLog()
        let roomy = try CreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, log: log)
        let crowded = try CreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, log: log, idFilterLog2Words: 4)
        #expect(log.isEmpty)
        #expect(roomy.totals.componentCredits == crowded.totals.componentCredits)

        let path = inputs.dealPaths[0]
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try (lines.joined(separator: "\n") + "\n" + lines[1] + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        _ = try CreditPass.run(paths: inputs.dealPaths, book: book, fx: fx, log: log, idFilterLog2Words: 4)
        let id = lines[1].prefix { $0 != "," }
        // Line 1 is the header, then 2 000 deals: the repeat is line 2002.
        #expect(log.sorted.map(\.description) == ["\(path):2002:1: error: deal_id '\(id)' is used twice (first at \(path):2)"])
    }

    /// A broken row is reported with its line and field, whichever thread reads it.
    @Test func aBrokenRowIsReportedAtItsField() throws {
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
