import Foundation
import GRDB
import Testing

/// The payment ledger run as payroll would (§3.10): closing month after month, prior-period
/// adjustments when history changes, closes at once, a close killed midway, files that are not
/// ledgers. Every test works on a real SQLite file.
@Suite struct LedgerTests {
    /// Closes January through `last` in order; every close must succeed.
    private func close(through last: Int, in workspace: Workspace) throws {
        for month in 1...last {
            let run = try workspace.comp("close", "--period", String(format: "2026-%02d", month))
            try #require(run.status == 0, run.transcript)
        }
    }

    private func ledgerBytes(_ workspace: Workspace) throws -> Data {
        try Data(contentsOf: workspace.url("out/ledger.sqlite"))
    }

    /// Fixtures/ledger-year: R1, graduated on amount per quarter (10 % to 10 000, 20 % above), a
    /// 1 000 bonus at 100 % of a 30 000 quarterly quota, base 12 000 a year.
    ///
    /// Closed January–June (paid COMMISSION): Jan C=5 000 → 500; Feb C=9 000 → 900, paid 400;
    /// Mar C=17 000 → 1 000 + 0.2 × 7 000 = 2 400, paid 1 500; Apr C=12 000 → 1 400; May C=22 000 →
    /// 3 400, paid 2 000; Jun C=31 000 → 5 200, paid 1 800, and the bonus 1 000 (31 000 ≥ 30 000).
    ///
    /// Then a late deal D8 of 3 000 dated 2026-02-20, and D3 (8 000, March) cancelled on 2026-04-20:
    /// Q1 to date: 5 000 + 4 000 + 3 000 + 8 000 = 20 000 → 1 000 + 0.2 × 10 000 = 3 000 (was 2 400: +600).
    /// Q2 to date: 12 000 − 8 000 + 10 000 + 9 000 = 23 000 → 1 000 + 0.2 × 13 000 = 3 600 (was 5 200:
    /// −1 600), and 23 000 < 30 000 takes the bonus back (−1 000).
    /// July: C = 6 000 → 600 commission; prior adjustment 600 − 1 600 = −1 000, so payroll pays
    /// 600 − 1 000 = −400; bonus 0 this month with −1 000 to correct, so −1 000 is paid.
    @Test func lateDealAndCancellationGivePriorAdjustmentsInJuly() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        try close(through: 6, in: workspace)
        let closedLedger = try ledgerBytes(workspace)

        try workspace.write("inputs/deals.csv", try workspace.read("inputs/deals.csv")
            .replacingOccurrences(of: "D3,2026-03-10,8000,USD,new,R1", with: "D3,2026-03-10,8000,USD,new,R1,cancelled,2026-04-20")
            .replacingOccurrences(of: "deal_id,close_date,amount,currency,type,reps", with: "deal_id,close_date,amount,currency,type,reps,status,cancel_date")
            .replacingOccurrences(of: ",R1\n", with: ",R1,,\n")
            + "D8,2026-02-20,3000,USD,new,R1,,\n")
        let july = try workspace.comp("run", "--period", "2026-07")
        try #require(july.status == 0, july.transcript)
        #expect(try workspace.read("out/2026-07/payroll.csv") == """
            period,employee_id,employee_name,pay_type,component,amount,currency,prior_adjustment
            2026-07,R1,Rita Lane,BASE,,1000.00,USD,0.00
            2026-07,R1,Rita Lane,COMMISSION,nb,-400.00,USD,-1000.00
            2026-07,R1,Rita Lane,BONUS,nb,-1000.00,USD,-1000.00

            """)
        #expect(try ledgerBytes(workspace) == closedLedger, "a run must not change the ledger")

        // Closing June again with today's numbers fails: June is closed and never rewritten.
        let reclose = try workspace.comp("close", "--period", "2026-06")
        #expect(reclose.status == 3, reclose.transcript)
        #expect(reclose.stderr.contains("R1 COMMISSION nb USD: ledger 1800.00, now"), reclose.transcript)
        #expect(try ledgerBytes(workspace) == closedLedger)

        // Closing July records what was payable: 600 − 1 000 = −400 commission, −1 000 bonus.
        let closeJuly = try workspace.comp("close", "--period", "2026-07")
        try #require(closeJuly.status == 0, closeJuly.transcript)
        let history = try workspace.comp("history")
        #expect(history.stdout.contains("2026-07"), history.transcript)
        // Base 1 000 − 400 − 1 000 = −400.00 paid in July.
        #expect(history.stdout.split(separator: "\n").contains { $0.hasPrefix("2026-07") && $0.contains("-400.00 USD") }, history.transcript)
    }

    @Test func closingTheSamePeriodAgainIsANoOpAndOutOfOrderIsRefused() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        try close(through: 2, in: workspace)
        let before = try ledgerBytes(workspace)
        let again = try workspace.comp("close", "--period", "2026-02")
        #expect(again.status == 0 && again.stdout.contains("already closed"), again.transcript)
        let skipped = try workspace.comp("close", "--period", "2026-04")
        #expect(skipped.status == 3 && skipped.stderr.contains("2026-03 is still open"), skipped.transcript)
        #expect(try ledgerBytes(workspace) == before)
    }

    /// Two closes of the same month at once: one records it, the other waits for it and finds it
    /// closed with the same numbers.
    @Test func twoClosesAtOnceRecordThePeriodOnce() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        try close(through: 1, in: workspace)
        let first = try workspace.launch(["close", "--period", "2026-02"], name: "first")
        let second = try workspace.launch(["close", "--period", "2026-02"], name: "second")
        #expect(first.wait() == 0 && second.wait() == 0, "\(first.stderr)\n\(second.stderr)")
        let outputs = try ["first", "second"].map { try String(contentsOf: workspace.root.appendingPathComponent("\($0).stdout"), encoding: .utf8) }
        #expect(outputs.filter { $0.contains("closed 2026-02") }.count == 1, "\(outputs)")
        #expect(outputs.filter { $0.contains("already closed") }.count == 1, "\(outputs)")
        let rows = try DatabaseQueue(path: workspace.url("out/ledger.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM payment WHERE period = '2026-02'")
        }
        // February: BASE 1 000 and COMMISSION 400.
        #expect(rows == 2)
    }

    /// A close killed with SIGKILL in the middle of its transaction leaves the ledger as it was;
    /// a close waiting behind it then succeeds.
    @Test func closeKilledMidwayLeavesTheLedgerAsItWas() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        try close(through: 1, in: workspace)
        let killed = try workspace.launch(["close", "--period", "2026-02"], environment: ["COMP_FAULT_PAUSE": "ledger-close:1"], name: "killed")
        try #require(killed.waitForStderr(containing: "paused at ledger-close:1"), Comment(rawValue: killed.stderr))
        let waiting = try workspace.launch(["close", "--period", "2026-02"], name: "waiting")
        Thread.sleep(forTimeInterval: 0.5)
        killed.kill()
        #expect(waiting.wait() == 0, Comment(rawValue: waiting.stderr))
        let (integrity, periods, februaryRows) = try DatabaseQueue(path: workspace.url("out/ledger.sqlite").path).read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
             try String.fetchAll(db, sql: "SELECT period FROM closed_period ORDER BY period"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM payment WHERE period = '2026-02'"))
        }
        #expect(integrity == "ok")
        #expect(periods == ["2026-01", "2026-02"])
        #expect(februaryRows == 2)
    }

    @Test func aFileThatIsNotALedgerIsRefusedAndLeftAlone() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        try workspace.write("out/ledger.sqlite", "payroll notes, not a database\n")
        let text = try ledgerBytes(workspace)
        let run = try workspace.comp("close", "--period", "2026-01")
        #expect(run.status == 3 && run.stderr.contains("is not a comp ledger"), run.transcript)
        #expect(try ledgerBytes(workspace) == text)

        try workspace.remove("out/ledger.sqlite")
        try DatabaseQueue(path: workspace.url("out/ledger.sqlite").path).write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total TEXT)")
        }
        let foreign = try ledgerBytes(workspace)
        let second = try workspace.comp("close", "--period", "2026-01")
        #expect(second.status == 3 && second.stderr.contains("is not a comp ledger"), second.transcript)
        #expect(try ledgerBytes(workspace) == foreign)
    }

    @Test func aLedgerFromANewerCompIsRefusedAndLeftAlone() throws {
        let workspace = try Workspace(fixtures: "ledger-year")
        try close(through: 1, in: workspace)
        try DatabaseQueue(path: workspace.url("out/ledger.sqlite").path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let newer = try ledgerBytes(workspace)
        for arguments in [["close", "--period", "2026-02"], ["run", "--period", "2026-02"]] {
            let run = try workspace.comp(arguments)
            #expect(run.status == 3 && run.stderr.contains("newer version of comp"), run.transcript)
        }
        #expect(try ledgerBytes(workspace) == newer)
    }
}
