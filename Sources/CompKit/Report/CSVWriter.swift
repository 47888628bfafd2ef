import Foundation

/// Writes CSV as SPEC 5 and 7 ask: UTF-8, `\n` line ends, fields quoted only when they hold
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

    /// Appends bytes that are already a CSV field (escaped where needed).
    mutating func field<Bytes: Collection>(raw bytes: Bytes) where Bytes.Element == UInt8 {
        separate()
        self.bytes.append(contentsOf: bytes)
    }

    /// Appends one text field to the current row (for rows written field by field).
    public mutating func field(_ text: String) {
        separate()
        append(text)
    }

    /// Appends a number with exactly `decimals` decimals, rounded half away from zero, written
    /// straight as bytes (credits.csv has a million of them at scale).
    public mutating func field(_ value: ExactDecimal, decimals: Int) {
        separate()
        let rounded = value.rounded(toScale: decimals).mantissa
        guard let magnitude = UInt64(exactly: rounded < 0 ? -rounded : rounded) else {
            bytes.append(contentsOf: value.formatted(decimals: decimals).utf8)
            return
        }
        if rounded < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { scratch in
            var rest = magnitude, written = 0, position = scratch.count
            repeat {
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
                if written == decimals {
                    position -= 1
                    scratch[position] = UInt8(ascii: ".")
                }
            } while rest > 0 || written <= decimals
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[position...]))
        }
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

    private mutating func append(_ field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { (byte: UInt8) -> Bool in
            byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A  // , " CR LF
        }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Byte-by-byte string order (SPEC 5: ids are compared byte by byte when sorting).
@inline(__always)
func byteOrder(_ lhs: String, _ rhs: String) -> Bool { byteCompare(lhs, rhs) < 0 }

/// Compares two strings byte by byte: negative, 0 or positive, like `memcmp`.
func byteCompare(_ lhs: String, _ rhs: String) -> Int {
    var lhs = lhs, rhs = rhs
    return lhs.withUTF8 { a in
        rhs.withUTF8 { b in
            let common = min(a.count, b.count)
            if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                let order = memcmp(x, y, common)
                if order != 0 { return Int(order) }
            }
            return a.count - b.count
        }
    }
}
