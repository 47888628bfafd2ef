/// A text file being rendered, as UTF-8 bytes: appended to without making a string per piece,
/// with input text escaped on the way in (statements and the summary are thousands of cells).
struct RenderedText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` with every ASCII byte that `escapes` replaces replaced; runs of bytes without
    /// anything to replace are copied as they are.
    mutating func append(_ text: String, escaping escapes: EscapeTable) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for position in utf8.indices where escapes.replaces(utf8[position]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                bytes.append(contentsOf: escapes.replacements[Int(utf8[position])]!)
                runStart = position + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// The text as a string (tests and the terminal).
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
