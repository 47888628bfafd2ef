import Foundation
import Testing

/// `comp explain` and the statements `comp run` writes (issue #5): the pay a statement shows is the
/// participant's payroll.csv rows exactly, with and without a ledger, and nobody else's data.
@Suite struct StatementTests {
    /// R1 in Fixtures/hand-month, February (EXPECTED.md): base 5000.00, commission 6200.01 − 2900.00 = 3300.01
    /// (D04 crosses tier 2: 2900.00; D08: 400.01), bonus club 1000.00, SPIFF D04 200.00; total 9500.01.
    @Test func explainPrintsTheStatementAndWritesItsFiles() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let explain = try workspace.comp("explain", "--rep", "R1", "--period", "2026-02")
        try #require(explain.status == 0, explain.transcript)
        #expect(explain.stdout.hasPrefix("Pay statement 2026-02: Kowalska, Anna (R1)\n"), explain.transcript)
        for line in ["2026-02-12  D04", "crosses into tier 2 (from 100000.00, 10 %)", "rounding residual", "Commission this month: 6200.01 − 2900.00 = 3300.01."] {
            #expect(explain.stdout.contains(line), "stdout lacks \(line)")
        }
        #expect(explain.stdout.split(separator: "\n").contains { $0.hasPrefix("TOTAL") && $0.hasSuffix("USD       9500.01") }, explain.transcript)
        let page = try workspace.read("out/2026-02/statements/R1.html")
        let expected = try workspace.read("expected/payroll.csv")
        #expect(PayTables.statement(page) == PayTables.payroll(expected, employee: "R1"))
        #expect(PayTables.htmlTable(page, after: "Pay this month").footer == [["TOTAL", "", "USD", "9500.01"]])
        #expect(try workspace.snapshot("out/2026-02/statements").keys.sorted() == ["R1.html"], "explain writes only the rep's own statement")
    }

    /// `comp run` writes a page for every participant, listed in the manifest; `--no-statements` none.
    @Test func runWritesAStatementForEveryParticipant() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let run = try workspace.comp("run", "--period", "2026-02")
        try #require(run.status == 0, run.transcript)
        let statements = try workspace.snapshot("out/2026-02/statements").keys.sorted()
        #expect(statements == ["M1.html", "R1.html", "R2.html"])
        let payroll = try workspace.read("out/2026-02/payroll.csv")
        #expect(payroll == (try workspace.read("expected/payroll.csv")))
        for id in ["M1", "R1", "R2"] {
            #expect(PayTables.statement(try workspace.read("out/2026-02/statements/\(id).html")) == PayTables.payroll(payroll, employee: id), "\(id)")
        }
        #expect(try workspace.read("out/2026-02/manifest.json").contains("\"statements/R1.html\""))

        let bare = try workspace.comp("run", "--period", "2026-02", "--no-statements", "--out", "bare")
        try #require(bare.status == 0, bare.transcript)
        #expect(!workspace.exists("bare/statements") && workspace.exists("bare/payroll.csv"))
        // Every other file is the same byte for byte; the manifests differ only by the statements,
        // the command line and the clock.
        let full = try workspace.snapshot("out/2026-02"), without = try workspace.snapshot("bare")
        #expect(without.keys.sorted() == full.keys.filter { !$0.hasPrefix("statements/") }.sorted())
        for (name, bytes) in without where name != "manifest.json" { #expect(full[name] == bytes, "\(name) differs") }
        func manifest(_ folder: String) throws -> NSDictionary {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(workspace.read(folder + "/manifest.json").utf8)) as? [String: Any])
            let outputs = (json["outputs"] as? [[String: Any]] ?? []).filter { !(($0["file"] as? String) ?? "").hasPrefix("statements/") }
            return json.filter { !["command", "generatedAt", "outputs"].contains($0.key) }.merging(["outputs": outputs]) { $1 } as NSDictionary
        }
        #expect(try manifest("bare") == manifest("out/2026-02"))
    }

    /// On the project's own data (README): every participant's statement adds up to their payroll
    /// rows, and `comp explain` writes the same statement as `comp run`.
    @Test func everyStatementOfTheExampleDataMatchesPayroll() throws {
        let workspace = try Workspace.project()
        let run = try workspace.comp("run", "--period", "2026-03")
        try #require(run.status == 0, run.transcript)
        let payroll = try workspace.read("out/2026-03/payroll.csv")
        let participants = try workspace.snapshot("plans").values.flatMap { plan in
            String(decoding: plan, as: UTF8.self).components(separatedBy: "<participant id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        #expect(Set(participants).count == 13)
        for id in Set(participants) {
            let rows = PayTables.statement(try workspace.read("out/2026-03/statements/\(id).html"))
            #expect(rows == PayTables.payroll(payroll, employee: id), "\(id)")
            // R005 is hired on 2026-05-18: her statement says nothing is paid yet.
            #expect(rows.isEmpty == (id == "R005"), "\(id)")
        }
        for id in ["R001", "R009", "M01"] {
            let ownRun = try workspace.snapshot("out/2026-03/statements")
            let explain = try workspace.comp("explain", "--rep", id, "--period", "2026-03", "--out", "explained")
            try #require(explain.status == 0, explain.transcript)
            #expect(try workspace.snapshot("explained/statements") .filter { $0.key.hasPrefix(id + ".") } == ownRun.filter { $0.key.hasPrefix(id + ".") })
        }
    }

    /// On a generated data set with holdbacks (quarterly in the AE plan, yearly in EMEA's) and
    /// components credited on payment: in a quarter's last month and in the year's, every statement
    /// adds up to its payroll rows, HOLDBACK and HOLDBACK_RELEASE included.
    @Test(arguments: ["2026-03", "2026-12"])
    func statementsWithHoldbacksAndPaymentsMatchPayroll(period: String) throws {
        let workspace = try Workspace()
        let generate = try workspace.comp("generate", "--reps", "40", "--deals", "3000", "--seed", "15", "--out", ".")
        try #require(generate.status == 0, generate.transcript)
        let run = try workspace.comp("run", "--period", period)
        try #require(run.status == 0, run.transcript)
        let payroll = try workspace.read("out/\(period)/payroll.csv")
        #expect(payroll.contains(",HOLDBACK,") && payroll.contains(",HOLDBACK_RELEASE,"))
        #expect(try workspace.read("out/\(period)/credits.csv").contains(",payment,"))
        let ids = Set(payroll.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        for id in ids {
            let rows = PayTables.statement(try workspace.read("out/\(period)/statements/\(id).html"))
            #expect(rows == PayTables.payroll(payroll, employee: id), "\(id)")
        }
    }

    /// Fixtures/ledger-year with January closed (C = 5000 → 500.00 paid), then a late deal D8 of
    /// 3000 dated 2026-01-20: January now computes C = 8000 → 800.00, so February's commission carries a
    /// prior adjustment of 800 − 500 = 300.00. February: C = 8000 + 4000 = 12000 → 0.10 × 10000 +
    /// 0.20 × 2000 = 1400.00, commission 1400 − 800 = 600.00. Base 12000 / 12 = 1000.00.
    /// Paid: 1000.00 + (600.00 + 300.00 = 900.00) = 1900.00.
    @Test func aLedgerAddsThePriorAdjustmentsOfPayroll() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        let close = try workspace.comp("close", "--period", "2026-01")
        try #require(close.status == 0, close.transcript)
        try workspace.write("inputs/deals.csv", try workspace.read("inputs/deals.csv") + "D8,2026-01-20,3000,USD,new,R1\n")
        let explain = try workspace.comp("explain", "--rep", "R1", "--period", "2026-02")
        try #require(explain.status == 0, explain.transcript)
        let page = try workspace.read("out/2026-02/statements/R1.html")
        #expect(PayTables.statement(page, adjustments: true) == [
            ["BASE", "", "USD", "1000.00", "0.00"], ["COMMISSION", "nb", "USD", "900.00", "300.00"],
        ])
        #expect(PayTables.htmlTable(page, after: "Pay this month").footer == [["TOTAL", "", "USD", "", "", "1900.00"]])
        #expect(page.contains("now compute to 800.00, closed periods paid 500.00, so 300.00 is settled this month"))

        let run = try workspace.comp("run", "--period", "2026-02")
        try #require(run.status == 0, run.transcript)
        let payroll = try workspace.read("out/2026-02/payroll.csv")
        #expect(PayTables.statement(page, adjustments: true) == PayTables.payroll(payroll, employee: "R1", adjustments: true))
        #expect(try workspace.read("out/2026-02/statements/R1.html") == page)
    }

    /// A rep's statement holds nothing of anyone else; a manager's shows his team's credits only
    /// as roll-ups of his team component summed per team member (by id), never anyone's name or pay.
    @Test func aStatementNeverShowsAnotherPersonsData() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let run = try workspace.comp("run", "--period", "2026-02")
        try #require(run.status == 0, run.transcript)
        func statement(_ id: String) throws -> String {
            try workspace.read("out/2026-02/statements/\(id).html")
        }
        // Names, ids, deals only they have, and pay amounts (base, commission, total) of the others.
        let own: [String: [String]] = [
            "R1": ["R1", "Kowalska", "D01", "D04", "D06", "5000.00", "3300.01", "9500.01"],
            "R2": ["R2", "Bo Rep", "D03", "D05", "4000.00", "368.52", "4168.52"],
            "M1": ["M1", "Mia Manager", "613.71", "10613.71"],   // his base 10000.00 is also D05's amount
        ]
        for (id, _) in own {
            let text = try statement(id)
            for (other, marks) in own where other != id {
                for mark in marks where !(id == "M1" && (mark.hasPrefix("D0") || mark == other)) {
                    #expect(!text.contains(mark), "\(id)'s statement shows \(mark) of \(other)")
                }
            }
        }
        // M1 sees the team's February credits as roll-ups of his `team` component, per team member:
        // R1's D04 50000 + D08 4000.13; R2's D03 13370.36 + D08 4000.13 − D05 10000 (credits.csv lists the deals).
        let manager = try workspace.read("out/2026-02/statements/M1.html")
        #expect(manager.contains("<tr><td><td>team member R1<td>roll-up × 2<td><td><td><td>54000.13<td>134000.13<td>")
                && manager.contains("<tr><td><td>team member R2<td>roll-up × 3<td><td><td><td>7370.49<td>141370.62<td>"), "\(manager)")
        for deal in ["D03", "D04", "D05", "D08"] { #expect(!manager.contains(deal), "M1's statement lists \(deal)") }
    }

    @Test(arguments: [["--rep", "R9"], ["--rep", "R1", "--period", "2026-13"], ["--period", "2026-02"]])
    func wrongArgumentsAreUsageErrors(_ arguments: [String]) throws {
        let workspace = try Workspace(fixtures: "hand-month")
        let run = try workspace.comp(["explain"] + (arguments.contains("--period") ? arguments : arguments + ["--period", "2026-02"]))
        #expect(run.status == 2, run.transcript)
        #expect(!workspace.exists("out"))
    }
}
