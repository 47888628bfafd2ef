import Foundation

/// Writes CSV as §5 and §7 ask: UTF-8, `\n` line ends, fields quoted only when they hold
/// `,`, `"`, CR or LF (quotes doubled).
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        row(header)
    }

    /// A writer without a header, for encoding single fields.
    init() {}

    private var fieldsInRow = 0

    public mutating func row(_ fields: [String]) {
        for field in fields { self.field(field) }
        endRow()
    }

    /// Appends one text field to the current row (for rows written field by field).
    public mutating func field(_ text: String) {
        separate()
        append(text)
    }

    /// Appends one field given as UTF-8 bytes, quoted when it needs to be.
    mutating func field(_ field: UnsafeBufferPointer<UInt8>) {
        separate()
        guard field.contains(where: CSVWriter.needsQuotes) else {
            bytes.append(contentsOf: field)
            return
        }
        appendQuoted(field)
    }

    /// Appends a date as `YYYY-MM-DD`.
    mutating func field(_ date: CalendarDate) {
        separate()
        date.withISOBytes { bytes.append(contentsOf: $0) }
    }

    /// Empties the writer for the next row, keeping its memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    /// Appends a number with exactly `decimals` decimals, rounded half away from zero, written
    /// straight as bytes.
    public mutating func field(_ value: ExactDecimal, decimals: Int) {
        separate()
        value.withFormattedBytes(decimals: decimals) { bytes.append(contentsOf: $0) }
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    /// `,` `"` CR LF: a field holding one is quoted.
    private static func needsQuotes(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A }

    private mutating func append(_ field: String) {
        let utf8 = field.utf8
        guard utf8.contains(where: CSVWriter.needsQuotes) else {
            bytes.append(contentsOf: utf8)
            return
        }
        appendQuoted(utf8)
    }

    private mutating func appendQuoted<Bytes: Sequence>(_ field: Bytes) where Bytes.Element == UInt8 {
        bytes.append(UInt8(ascii: "\""))
        for byte in field {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
