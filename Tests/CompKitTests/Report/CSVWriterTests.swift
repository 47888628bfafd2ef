import Testing
@testable import CompKit

@Suite struct CSVWriterTests {
    static func text(_ writer: CSVWriter) -> String { String(decoding: writer.bytes, as: UTF8.self) }

    @Test func quotesOnlyFieldsWithCommaQuoteCarriageReturnOrLineFeed() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.row(["x,y", "say \"hi\"", "line\nbreak", "cr\rx", "plain; with spaces", ""])
        #expect(Self.text(writer) == "a,b\n\"x,y\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rx\",plain; with spaces,\n")
    }

    @Test func writesUTF8AndLineFeeds() {
        let writer = CSVWriter(header: ["Müller", "日本"])
        #expect(writer.bytes == Array("Müller,日本\n".utf8))
    }

    @Test func comparesIdsByBytes() {
        #expect(byteOrder("R10", "R9"))     // '1' (0x31) < '9' (0x39)
        #expect(byteOrder("Z", "a"))        // 'Z' (0x5A) < 'a' (0x61)
        #expect(byteOrder("Z", "É"))        // 'É' is 0xC3 0x89 in UTF-8
        #expect(!byteOrder("R1", "R1"))
    }
}
