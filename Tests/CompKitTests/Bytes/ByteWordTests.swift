import Testing
@testable import CompKit

/// Finding and counting bytes eight at a time (the credit workers' commas, the CSV split point's quotes).
@Suite struct ByteWordTests {
    @Test func zeroBytesAreFoundExactly() {
        // Bytes (memory order) 00 01 80 00 FF 01 00 7F: zeros at 0, 3 and 6. The 01 after a zero is
        // where a borrowing test would see a false zero.
        let word: UInt64 = 0x7F00_01FF_0080_0100
        #expect(ByteWord.zeroBytes(word) == 0x0080_0000_8000_0080)
        #expect(ByteWord.zeroBytes(0) == 0x8080_8080_8080_8080)
        #expect(ByteWord.zeroBytes(~0) == 0)
    }

    @Test func countsABytesOccurrences() {
        // 21 bytes: quotes at 0, 2, 7, 8 and 20 (two words, then five bytes one at a time).
        let text = Array(#""a"bcde""fghijklmnop""#.utf8)
        #expect(text.count == 21)
        #expect(text.withUnsafeBytes { ByteWord.count(UInt8(ascii: "\""), in: $0) } == 5)
        #expect(text.withUnsafeBytes { ByteWord.count(UInt8(ascii: "z"), in: $0) } == 0)
        #expect([UInt8]().withUnsafeBytes { ByteWord.count(0, in: $0) } == 0)
    }
}
