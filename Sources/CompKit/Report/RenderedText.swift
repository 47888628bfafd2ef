/// A text file being rendered, as UTF-8 bytes: appended to piece by piece without making a string
/// per piece, with input text escaped on the way in (statements and the summary are thousands of
/// cells). Its memory is its own and kept when it is emptied, so one buffer serves file after file.
struct RenderedText: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes are rendered.
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Empties the text, keeping its memory for the next file.
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends a literal's bytes, with no string made (a table's markup, row after row).
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends `bytes` with every ASCII byte that `escapes` replaces replaced; runs of bytes without
    /// anything to replace are copied as they are.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, escaping escapes: EscapeTable) {
        var runStart = 0
        while true {
            let position = escapes.firstReplaced(in: bytes, from: runStart)
            append(UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            guard position < bytes.count else { return }
            escapes.replacements[Int(bytes[position])]!.withUnsafeBufferPointer { append($0) }
            runStart = position + 1
        }
    }

    mutating func append(_ bytes: [UInt8], escaping escapes: EscapeTable) {
        bytes.withUnsafeBufferPointer { append($0, escaping: escapes) }
    }

    mutating func append(_ text: String, escaping escapes: EscapeTable) {
        text.withUTF8Bytes { append($0, escaping: escapes) }
    }

    /// Calls `body` with the rendered bytes (valid only during the call).
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the rendered bytes.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The text as a string (tests and the terminal).
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    private mutating func grow(toHold needed: Int) {
        capacity = max(capacity * 2, needed)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }
}
