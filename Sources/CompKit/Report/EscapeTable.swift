/// What an output format replaces in input text, per ASCII byte.
struct EscapeTable: Sendable {
    /// 128 entries; nil for a byte kept as it is.
    let replacements: [[UInt8]?]
    /// 256 entries, 1 for a byte that is replaced: most text has nothing to replace, and a look-up
    /// per byte ORed over eight bytes tells so with one branch.
    private let isReplaced: [UInt8]

    init(_ replacements: [UInt8: String]) {
        self.replacements = (0..<128).map { byte in replacements[UInt8(byte)].map { Array($0.utf8) } }
        isReplaced = (0..<256).map { byte in byte < 128 && replacements[UInt8(byte)] != nil ? 1 : 0 }
    }

    /// The position of the first byte of `bytes` at or after `start` that is replaced, or `bytes.count`.
    func firstReplaced(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        isReplaced.withUnsafeBufferPointer { isReplaced in
            var position = start
            while position + 8 <= bytes.count {
                var any: UInt8 = 0
                for offset in 0..<8 { any |= isReplaced[Int(bytes[position + offset])] }
                if any != 0 { break }
                position += 8
            }
            while position < bytes.count && isReplaced[Int(bytes[position])] == 0 { position += 1 }
            return position
        }
    }
}
