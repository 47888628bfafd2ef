import Testing
@testable import CompKit

/// forecasts.csv and expected.csv (§2.3 and §7): checked like the deal and fx files.
@Suite struct RepMonthAmountsTests {
    static let known: Set<String> = ["R1", "R2"]

    @Test func readsColumnsInAnyOrder() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                month,note,commit,rep_id
                2026-02,"big, maybe",2000,R1
                2026-02,,0,R2
                2026-03,,1500.25,R1

                """, to: "forecasts.csv", in: folder)
            let log = DiagnosticLog()
            let (amounts, rows) = try RepMonthAmounts.read(path: path, valueColumn: "commit", participantIDs: Self.known, log: log)
            #expect(log.isEmpty && rows == 3)
            #expect(amounts.amount(rep: "R1", month: month("2026-02")) == dec("2000"))
            #expect(amounts.amount(rep: "R2", month: month("2026-02")) == .zero)
            #expect(amounts.amount(rep: "R1", month: month("2026-03")) == dec("1500.25"))
            #expect(amounts.reps(in: month("2026-02")) == ["R1", "R2"])
        }
    }

    @Test func reportsEveryBadRow() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                rep_id,month,expected
                R1,2026-02,2000
                R9,2026-02,100
                R1,2026-13,100
                R2,2026-02,1.0000001
                R2,2026-02, 100
                R1,2026-02,2500
                R2,2026-03,-5
                ,2026-04,
                R2,2026-05

                """, to: "expected.csv", in: folder)
            let log = DiagnosticLog()
            let (amounts, rows) = try RepMonthAmounts.read(path: path, valueColumn: "expected", participantIDs: Self.known, log: log)
            #expect(rows == 9)
            // Line 3: rep in no plan (field 1). 4: month 13 (field 2). 5: seven decimals (field 3).
            // 6: a leading space (field 3). 7: R1/2026-02 again (row). 8: a sign (field 3).
            // 9: rep and amount missing (fields 1 and 3). 10: two fields for a three-column header (row).
            #expect(log.sorted.map { "\($0.location.lineAndColumn)" }
                    == ["3:1", "4:2", "5:3", "6:3", "7", "8:3", "9:1", "9:3", "10"])
            #expect(log.sorted[4].message == "rep R1 has a second expected row for 2026-02 (first on line 2)")
            #expect(log.sorted[0].message == "rep 'R9' is not a participant of any plan")
            #expect(amounts.amount(rep: "R1", month: month("2026-02")) == dec("2000"))
        }
    }

    @Test func aMissingColumnIsReportedOnTheHeader() throws {
        try withTemporaryFolder { folder in
            let path = try write("rep_id,month,Commit\nR1,2026-02,1\n", to: "forecasts.csv", in: folder)
            let log = DiagnosticLog()
            _ = try RepMonthAmounts.read(path: path, valueColumn: "commit", participantIDs: Self.known, log: log)
            #expect(log.sorted.map { "\($0.location.lineAndColumn)" } == ["1"])
            #expect(log.sorted.first?.message.contains("commit") == true)
        }
    }

    @Test func unknownRepsAreNotBlamedWhenThePlansAreBroken() throws {
        try withTemporaryFolder { folder in
            let path = try write("rep_id,month,commit\nR9,2026-02,1\n", to: "forecasts.csv", in: folder)
            let log = DiagnosticLog()
            _ = try RepMonthAmounts.read(path: path, valueColumn: "commit", participantIDs: nil, log: log)
            #expect(log.isEmpty)
        }
    }
}
