import Testing
@testable import CompKit

@Suite struct CSVReaderTests {
    /// Every record of a file holding `text`, with the line each starts on.
    static func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [(line: Int, fields: [String])] {
        try withTemporaryFolder { folder in
            let reader = try CSVReader(path: try write(text, to: "t.csv", in: folder), chunkSize: chunkSize)
            var result: [(line: Int, fields: [String])] = []
            while try reader.next() {
                result.append((reader.recordLine, (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }))
            }
            return result
        }
    }

    static func fields(_ text: String) throws -> [[String]] { try records(text).map(\.fields) }

    @Test func skipsALeadingByteOrderMark() throws {
        #expect(try Self.fields("\u{FEFF}a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func acceptsCRLFAndAMissingFinalLineEnd() throws {
        #expect(try Self.fields("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try Self.fields("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
        let records = try Self.records("x,\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\nnext,,\"\"\n")
        #expect(records.map(\.fields) == [["x", "a,b", "say \"hi\"", "line1\nline2"], ["next", "", ""]])
        #expect(records.map(\.line) == [1, 3])  // the quoted newline moves the second record to line 3
    }

    @Test func blankLinesAreSkipped() throws {
        let records = try Self.records("a\n\n\r\nb\n\n")
        #expect(records.map(\.fields) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 4])
        #expect(try Self.fields(",\n") == [["", ""]])  // a lone comma is two empty fields, not a blank line
    }

    static let chunked = "\u{FEFF}id,\"q,1\"\r\n2,\"x\ny\"\n"

    @Test func recordsSpanningChunksReadTheSame() throws {
        // 4-byte chunks: the BOM and "i", then "d,\"q", … — CRLF and quotes split across reads.
        #expect(try Self.records(Self.chunked, chunkSize: 4).map(\.fields) == [["id", "q,1"], ["2", "x\ny"]])
    }

    @Test func aFirstReadHoldingOnlyTheByteOrderMarkIsNotTheEndOfTheFile() throws {
        // The first read returns exactly the 3 BOM bytes (as a short read from a pipe can); the file goes on.
        #expect(try Self.records(Self.chunked, chunkSize: 3).map(\.fields) == [["id", "q,1"], ["2", "x\ny"]])
    }

    @Test func aQuoteFirstReadInALaterChunkIsStillAQuote() throws {
        // 8-byte chunks: "a,b\nccc," holds no quote; the quoted field comes with the next read.
        let records = try Self.records("a,b\nccc,\"d,\"\"e\"\"\"\n", chunkSize: 8)
        #expect(records.map(\.fields) == [["a", "b"], ["ccc", "d,\"e\""]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func aRecordLongerThanTheLimitNamesItsLine() throws {
        try withTemporaryFolder { folder in
            let long = String(repeating: "x", count: CSVReader.maxRecordBytes)
            let reader = try CSVReader(path: try write("a,b\n1,2\n3,\(long)\n", to: "t.csv", in: folder), chunkSize: 4096)
            #expect(try reader.next() && reader.next())
            let error = #expect(throws: CSVReader.FormatError.self) { try reader.next() }
            #expect(error?.line == 3 && error?.field == 1)
            #expect(error?.message == "a record is longer than 1048576 bytes (is a closing quote missing?)")
        }
    }

    @Test func anUnterminatedQuoteNamesTheLineWhereTheRecordStarts() throws {
        try withTemporaryFolder { folder in
            let reader = try CSVReader(path: try write("a,b\n1,\"oops\n2,3\n", to: "t.csv", in: folder))
            #expect(try reader.next())
            let error = #expect(throws: CSVReader.FormatError.self) { try reader.next() }
            #expect(error?.line == 2 && error?.field == 2)
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnError() throws {
        try withTemporaryFolder { folder in
            let reader = try CSVReader(path: try write("a,b\"c\n", to: "t.csv", in: folder))
            let error = #expect(throws: CSVReader.FormatError.self) { try reader.next() }
            #expect(error?.line == 1 && error?.field == 2)
        }
    }

    @Test func aMissingFileFails() {
        #expect(throws: InputFile.Failure.self) { try CSVReader(path: "/nonexistent/comp/deals.csv") }
    }
}
