/// Writes CSV as SPEC 5 and 7 ask: UTF-8, `\n` line ends, fields quoted only when they hold
/// `,`, `"`, CR or LF (quotes doubled).
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        row(header)
    }

    public mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
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
func byteOrder(_ lhs: String, _ rhs: String) -> Bool { lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
