/// Eight bytes at a time: finding or counting a byte in text a word per step instead of a byte.
enum ByteWord {
    /// The high bit of each byte of `word` that is zero, and no other bit (exact: no borrow
    /// runs from one byte into the next). Bytes are in memory order from the lowest bits up.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }

    /// How many bytes of `bytes` are `byte`.
    static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        var total = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            total += zeroBytes(word ^ pattern).nonzeroBitCount
            offset += 8
        }
        for index in offset..<bytes.count where bytes[index] == byte { total += 1 }
        return total
    }
}
