/// The shares of a CSV `reps` field: `R001`, or `R001:60;R002:40`.
struct RepsField: SplitShares {
    private let field: RawField
    private var start = 0
    private var done = false
    let count: Int

    init(_ field: RawField) {
        self.field = field
        var parts = 1
        for byte in field.bytes where byte == UInt8(ascii: ";") { parts += 1 }
        count = parts
    }

    var restarted: RepsField { RepsField(field) }

    @inline(__always)
    mutating func next() -> (rep: RawField, percent: RawField?)? {
        guard !done else { return nil }
        let bytes = field.bytes
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: ";") { end += 1 }
        var colon = start
        while colon < end && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        defer {
            start = end + 1
            done = end >= bytes.count
        }
        guard colon < end else { return (RawField(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]), column: field.column), nil) }
        return (RawField(bytes: UnsafeBufferPointer(rebasing: bytes[start..<colon]), column: field.column),
                RawField(bytes: UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<end]), column: field.column))
    }
}
