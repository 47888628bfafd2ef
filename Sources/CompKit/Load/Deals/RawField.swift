/// One raw value of a deal as read from a file, with the column to blame when it is wrong (a CSV
/// field number, or the column of an XML `<deal>` element).
struct RawField {
    var bytes: UnsafeBufferPointer<UInt8>
    var column: Int

    var isEmpty: Bool { bytes.isEmpty }

    /// A field a record does not have.
    static func absent(column: Int) -> RawField { RawField(bytes: UnsafeBufferPointer(start: nil, count: 0), column: column) }
}
