import Foundation
import Testing
@testable import CompKit

/// Cutting a CSV file into ranges of whole records for several cores.
@Suite struct CSVRangesTests {
    @Test func cutsFallAfterALineEndOutsideQuotes() throws {
        try withTemporaryFolder { folder in
            // Each record is 3 lines long: a quoted field holds two line ends (and a doubled quote).
            let record = "R,\"one\ntwo \"\"x\"\"\nthree\",9\n"
            let text = "id,note,n\n" + String(repeating: record, count: 1000)
            let path = try write(text, to: "notes.csv", in: folder)
            let parts = try CSVRanges.parts(path: path, count: 3, minimumBytes: 1)
            #expect(parts.count == 3)
            #expect(parts.first?.range.lowerBound == 0 && parts.last?.range.upperBound == text.utf8.count)
            for (part, next) in zip(parts, parts.dropFirst()) { #expect(part.range.upperBound == next.range.lowerBound) }
            let bytes = Array(text.utf8)
            for part in parts.dropFirst() {
                // A record starts there, on the line the part says: 1 header line + 3 per record before it.
                #expect(Array(bytes[part.range.lowerBound..<part.range.lowerBound + 3]) == Array("R,\"".utf8))
                let recordsBefore = (part.range.lowerBound - "id,note,n\n".utf8.count) / record.utf8.count
                #expect(part.line == 2 + 3 * recordsBefore, "\(part)")
            }
            // Read part by part, the records are the file's.
            let log = DiagnosticLog()
            let first = try #require(CSVTable(path: path, required: ["id"], end: parts[0].range.upperBound, log: log))
            var rows = 0, lastLine = 0
            try first.forEachRow(log: log) { rows += 1; lastLine = first.line }
            for part in parts.dropFirst() {
                let table = try CSVTable(continuing: first, range: part.range, line: part.line)
                try table.forEachRow(log: log) {
                    rows += 1
                    #expect(table.field(1).string == "one\ntwo \"x\"\nthree")
                    lastLine = table.line
                }
            }
            #expect(log.isEmpty && rows == 1000 && lastLine == 2 + 3 * 999)
        }
    }

    @Test func aSmallFileIsOnePart() throws {
        try withTemporaryFolder { folder in
            let path = try write("a,b\n1,2\n", to: "small.csv", in: folder)
            #expect(try CSVRanges.parts(path: path, count: 2) == [CSVRanges.Part(range: 0..<8, line: 1)])
        }
    }
}
