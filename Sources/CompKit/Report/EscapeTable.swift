/// What an output format replaces in input text, per ASCII byte.
struct EscapeTable: Sendable {
    /// 128 entries; nil for a byte kept as it is.
    let replacements: [[UInt8]?]

    init(_ replacements: [UInt8: String]) {
        self.replacements = (0..<128).map { byte in replacements[UInt8(byte)].map { Array($0.utf8) } }
    }
}
