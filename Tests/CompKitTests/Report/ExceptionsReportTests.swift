import Testing
@testable import CompKit

@Suite struct ExceptionsReportTests {
    @Test func sortedBySourceLineIdAndReasonWithoutDuplicates() {
        let rows = [
            CreditTotals.ExceptionRow(source: "b.csv", line: 2, id: "D9", reason: "late"),
            CreditTotals.ExceptionRow(source: "a.csv", line: 10, id: "D2", reason: "why, \"quoted\""),
            CreditTotals.ExceptionRow(source: "a.csv", line: 9, id: "D1", reason: "z"),
            CreditTotals.ExceptionRow(source: "a.csv", line: 9, id: "D1", reason: "a"),
            CreditTotals.ExceptionRow(source: "b.csv", line: 2, id: "D9", reason: "late"),
        ]
        #expect(String(decoding: ExceptionsReport.csv(rows), as: UTF8.self) == """
            source,line,id,reason
            a.csv,9,D1,a
            a.csv,9,D1,z
            a.csv,10,D2,"why, ""quoted\"\"\"
            b.csv,2,D9,late

            """)
    }
}
