import Testing
@testable import CompKit

@Suite struct CSVTableTests {
    @Test func columnsInAnyOrderAndRowsOfTheWrongWidthAreReported() throws {
        try withTemporaryFolder { folder in
            let path = try write("b,extra,a\n2,x,1\n3,y\n5,z,4\n", to: "t.csv", in: folder)
            let log = DiagnosticLog()
            let table = try #require(CSVTable(path: path, required: ["a", "b"], log: log))
            let a = try #require(table.column("a"))
            var values: [String] = []
            try table.forEachRow(log: log) { values.append(table.field(a).string) }
            #expect(values == ["1", "4"])
            #expect(log.diagnostics.map(\.description) == ["\(path):3:1: error: this row has 2 fields, the header has 3"])
            #expect(table.rowCount == 3)
        }
    }

    @Test func headerNamesAreExactAndCaseSensitive() throws {
        try withTemporaryFolder { folder in
            let path = try write("Deal_ID,amount\n", to: "t.csv", in: folder)
            let log = DiagnosticLog()
            #expect(CSVTable(path: path, required: ["deal_id", "amount"], log: log) == nil)
            #expect(log.diagnostics.first?.location == SourceLocation.wholeLine(path, 1))
        }
    }
}
