/// What an output format replaces in input text, per ASCII byte.
struct EscapeTable: Sendable {
    /// 128 entries; nil for a byte kept as it is.
    let replacements: [[UInt8]?]
    /// Bit `b` set when byte `b` has a replacement (bytes 0–63, then 64–127): most cells (numbers,
    /// ids, dates) have nothing to replace, and a bit test per byte tells so without a look-up.
    private let replacedLow: UInt64, replacedHigh: UInt64

    init(_ replacements: [UInt8: String]) {
        self.replacements = (0..<128).map { byte in replacements[UInt8(byte)].map { Array($0.utf8) } }
        var low: UInt64 = 0, high: UInt64 = 0
        for byte in replacements.keys where byte < 128 {
            if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
        }
        (replacedLow, replacedHigh) = (low, high)
    }

    /// Whether `byte` is replaced.
    @inline(__always)
    func replaces(_ byte: UInt8) -> Bool {
        byte < 64 ? (replacedLow >> byte) & 1 != 0 : byte < 128 && (replacedHigh >> (byte - 64)) & 1 != 0
    }
}
