import Foundation
import Testing

/// The limits of docs/RELIABILITY.md, end to end: input past one of them is refused like any
/// invalid input (exit 1, `file:line:column: error:` lines, nothing written), never a crash, a
/// hang or a run out of memory.
@Suite struct LimitTests {
    /// Runs March on a copy of `valid` changed by `change`, and expects it refused at `places`, by
    /// `validate` and `close` with the same problems.
    private func expectRefused(at places: [Where], timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                               _ change: (Workspace) throws -> Void) throws {
        let workspace = try Workspace(fixtures: "valid")
        try change(workspace)
        let run = try workspace.comp(["run", "--period", "2026-03"], timeout: timeout)
        #expect(!run.timedOut, "took more than \(timeout) s", sourceLocation: sourceLocation)
        CompEndToEndTests.expectRefused(run, at: [places], sourceLocation: sourceLocation)
        for command in [["validate"], ["close", "--ledger", "closing.sqlite"]] {
            let other = try workspace.comp(command + ["--period", "2026-03"], timeout: timeout)
            #expect(other.status == run.status && other.problems == run.problems, "\(command[0]): \(other.transcript)",
                    sourceLocation: sourceLocation)
        }
        #expect(!workspace.exists("out"), sourceLocation: sourceLocation)
    }

    private static let header = "deal_id,close_date,amount,currency,type,product,reps,status,cancel_date,created_date\n"

    @Test func planLargerThan16MiB() throws {
        try expectRefused(at: [Where(BrokenCase.plan, lines: [1])]) { workspace in
            let plan = try workspace.read(BrokenCase.plan)
            try workspace.write(BrokenCase.plan, plan.replacingOccurrences(of: "</plan>", with: "<!--" + String(repeating: "x", count: 16 << 20) + "--></plan>"))
        }
    }

    @Test(arguments: [BrokenCase.plan, BrokenCase.xml])
    func xmlNestedDeeperThan256(_ file: String) throws {
        try expectRefused(at: [Where(file)]) { workspace in
            if file == BrokenCase.xml { try Edit.add(file).apply(to: workspace) }
            let close = file == BrokenCase.plan ? "</plan>" : "</deals>"
            try workspace.replace(in: file, close, with: String(repeating: "<x>", count: 300) + String(repeating: "</x>", count: 300) + close)
        }
    }

    /// A missing closing quote would otherwise swallow the rest of the file as one field.
    @Test func csvRecordLongerThan1MiB() throws {
        try expectRefused(at: [Where(BrokenCase.deals, lines: [6])]) { workspace in
            let rows = String(repeating: "D9,2026-03-05,1.00,USD,new,CORE,R2,,,\n", count: 40_000)
            try workspace.write(BrokenCase.deals, try workspace.read(BrokenCase.deals) + "D5,2026-03-05,\"1.00,USD\n" + rows)
        }
    }

    @Test func idLongerThan200Bytes() throws {
        try expectRefused(at: [Where(BrokenCase.deals, lines: [2], column: 1)]) { workspace in
            try workspace.replace(in: BrokenCase.deals, "D1,", with: String(repeating: "D", count: 201) + ",")
        }
    }

    /// One row naming 30 000 reps took 53 s to check before the limit of 100.
    @Test func dealSplitBetweenMoreThan100Reps() throws {
        try expectRefused(at: [Where(BrokenCase.deals, lines: [2], column: 7)], timeout: 10) { workspace in
            let reps = (0..<30_000).map { "R\($0):0.01" }.joined(separator: ";")
            try workspace.replace(in: BrokenCase.deals, ",R1,won", with: ",\(reps),won")
        }
    }

    /// These crashed the run (128-bit overflow) before the limits.
    @Test func fxRateWithMoreThan12SignificantDigits() throws {
        try expectRefused(at: [Where(BrokenCase.fx, lines: [2], column: 4)]) { workspace in
            try workspace.replace(in: BrokenCase.deals, "2000.00,EUR", with: "999999999999999.999999,EUR")
            try workspace.replace(in: BrokenCase.deals, "R1:60;R2:40", with: "R1:60.01;R2:39.99")
            try workspace.replace(in: BrokenCase.fx, "1.08", with: "150.123456789012")
        }
    }

    @Test func attainmentTierAbove1000() throws {
        try expectRefused(at: [Where(BrokenCase.plan, lines: [6])]) { workspace in
            try workspace.replace(in: BrokenCase.plan, #"<tier from="1.0""#, with: #"<tier from="999999999999999.999999""#)
            try workspace.replace(in: BrokenCase.plan, #"<period index="1" amount="100000"/>"#, with: #"<period index="1" amount="999999999999999.999999"/>"#)
        }
    }

    /// 10^15 cents is the largest credit: this deal's is 10^17 − 1.
    @Test func aCreditOf10ToThe15MinorUnits() throws {
        try expectRefused(at: [Where(BrokenCase.deals, lines: [3], column: 1)]) { workspace in
            try workspace.write(BrokenCase.deals, Self.header + "B1,2026-03-02,9999999999999.99,USD,new,CORE,R1,,,\n"
                                + "B2,2026-03-02,999999999999999.99,USD,new,CORE,R1,,,\n")
        }
    }

    /// 9 300 credits of 10^15 − 1 cents add up past 2^63 cents: the whole file is refused (reported at 1:1).
    @Test func creditsAddingUpPast64Bits() throws {
        try expectRefused(at: [Where(BrokenCase.deals, lines: [1], column: 1)]) { workspace in
            let rows = (1...9_300).map { "B\($0),2026-03-02,9999999999999.99,USD,new,CORE,R1,,,\n" }.joined()
            try workspace.write(BrokenCase.deals, Self.header + rows)
        }
    }

    /// 200 000 broken rows: the first thousand errors are listed, the rest counted.
    @Test func manyErrorsAreCountedNotKept() throws {
        let workspace = try Workspace(fixtures: "valid")
        try workspace.write(BrokenCase.deals, Self.header + String(repeating: "D1,2026-13-01,0,USD,new,CORE,R1,,,\n", count: 200_000))
        let run = try workspace.comp(["run", "--period", "2026-03"], timeout: 120)
        #expect(run.status == 1 && !run.timedOut, run.transcript)
        let lines = run.problems.split(separator: "\n")
        #expect(lines.count == 1_001 && lines.last?.hasPrefix("… and ") == true && lines.last?.hasSuffix(" more errors") == true)
        #expect(!workspace.exists("out"))
    }
}
