import Testing
@testable import CompKit

/// The credit workers find commas eight bytes at a time.
@Suite struct CommaSearchTests {
    @Test func zeroBytesAreFoundExactly() {
        // Bytes (memory order) 00 01 80 00 FF 01 00 7F: zeros at 0, 3 and 6. The 01 after a zero is
        // where a borrowing test would see a false zero.
        let word: UInt64 = 0x7F00_01FF_0080_0100
        #expect(DealChunkWorker.zeroBytes(word) == 0x0080_0000_8000_0080)
        #expect(DealChunkWorker.zeroBytes(0) == 0x8080_8080_8080_8080)
        #expect(DealChunkWorker.zeroBytes(~0) == 0)
    }
}
