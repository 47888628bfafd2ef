import Testing
@testable import CompKit

/// pipeline.csv (§2.3, §4 and §7): the checks, and which rows a month's weighted forecast reads.
@Suite struct PipelineTests {
    @Test func reportsEveryBadRow() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close
                O1,R1,2026-02-01,Closed Won,0.9,1000.00,USD,2026-02-20
                O2,R1,2026-02-01,Commit,1.01,100,USD,2026-02-20
                O3,R9,2026-02-30,Commit,0.5,100,XXX,2026-02-20
                O1,R1,2026-02-01,Commit,0.9,100,USD,2026-02-21
                O1,R1,2026-03-01,Commit,1,0,USD,2026-03-21
                O1,R2,2026-02-01,Closed Won,0.9,400.00,USD,2026-02-20
                O4,R1,2026-02-01,,0.5,100,USD,
                O5,R1,2026-02-01,Commit,50%,1e3,USD,2026-02-20

                """, to: "pipeline.csv", in: folder)
            let log = DiagnosticLog()
            let (pipeline, rows) = try Pipeline.read(path: path, participantIDs: ["R1", "R2"], log: log)
            #expect(rows == 8)
            // 3: probability above 1 (field 5). 4: unknown rep (2), no 30 February (3), unknown currency (7).
            // 5: O1 twice for R1 in the 2026-02-01 snapshot (row). 8: stage and expected_close missing (4, 9).
            // 9: a percent sign and an exponent (5, 6). Line 6 is fine: another snapshot, amount 0; line 7
            // too: O1 split between R1 and R2, R2's share listed once.
            #expect(log.sorted.map { "\($0.location.lineAndColumn)" }
                    == ["3:5", "4:2", "4:3", "4:7", "5", "8:4", "8:8", "9:5", "9:6"])
            #expect(log.sorted[0].message == "probability 1.01 is not between 0 and 1")
            #expect(log.sorted[4].message == "opportunity O1 is listed twice for R1 in the snapshot of 2026-02-01 (first on line 2)")
            // Stages may hold spaces; kept rows remember their line.
            #expect(pipeline.opportunities.map { "\($0.id) \($0.repID) \($0.stage) \($0.source.lineAndColumn)" }
                    == ["O1 R1 Closed Won 2", "O1 R1 Commit 6", "O1 R2 Closed Won 7"])
        }
    }

    @Test func theMonthsSnapshotAndRows() {
        func row(_ id: String, _ snapshot: String, closing: String) -> Pipeline.Opportunity {
            Pipeline.Opportunity(id: id, repID: "R1", snapshotDate: day(snapshot), stage: "Commit", probability: dec("0.9"),
                                 amount: dec("100"), currency: .usd, expectedClose: day(closing))
        }
        let pipeline = Pipeline([
            row("A", "2026-01-01", closing: "2026-02-10"),
            row("B", "2026-02-01", closing: "2026-02-28"),
            row("C", "2026-02-01", closing: "2026-03-01"),
            row("D", "2026-02-02", closing: "2026-02-15"),
        ])
        // February reads the snapshot of 2026-02-01 (on the first day counts; 2026-02-02 is later).
        #expect(pipeline.snapshot(for: month("2026-02")) == day("2026-02-01"))
        #expect(pipeline.expected(in: month("2026-02")).map(\.id) == ["B"])
        // March reads the latest, 2026-02-02, which has no March row; January the 2026-01-01 one.
        #expect(pipeline.snapshot(for: month("2026-03")) == day("2026-02-02") && pipeline.expected(in: month("2026-03")).isEmpty)
        #expect(pipeline.snapshot(for: month("2026-01")) == day("2026-01-01"))
        #expect(pipeline.snapshot(for: month("2025-12")) == nil && pipeline.expected(in: month("2025-12")).isEmpty)
        // 0.9 × 100 = 90, exact.
        #expect(pipeline.opportunities[0].weightedAmount == dec("90"))
    }
}
