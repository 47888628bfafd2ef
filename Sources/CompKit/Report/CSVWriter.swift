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

    /// Appends a number with exactly `decimals` decimals, rounded half away from zero, written
    /// straight as bytes.
    public mutating func field(_ value: ExactDecimal, decimals: Int) {
        separate()
        let rounded = value.rounded(toScale: decimals).mantissa
        guard decimals <= ExactDecimal.maxFastDecimals, let magnitude = UInt64(exactly: rounded.magnitude) else {
            bytes.append(contentsOf: value.formatted(decimals: decimals).utf8)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ExactDecimal.maxFastLength) { scratch in
            let count = ExactDecimal.writeDigits(magnitude, negative: rounded < 0, decimals: decimals, to: scratch.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
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
