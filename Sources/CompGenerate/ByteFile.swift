import CompKit
import Foundation

/// A file written through a large byte buffer.
struct ByteFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 4 << 20

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CompError.io(IOFailure(.write, path, reason: "the file cannot be created"))
        }
        self.handle = handle
        buffer.reserveCapacity(ByteFile.flushSize + 4096)
    }

    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }
    mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func comma() { buffer.append(UInt8(ascii: ",")) }
    mutating func newline() { buffer.append(UInt8(ascii: "\n")) }

    /// Appends `minor` minor units as a plain decimal with `decimals` places, e.g. 123456 → `1234.56`.
    mutating func appendMoney(_ minor: Int64, decimals: Int) {
        var divisor: Int64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        appendInteger(minor / divisor)
        guard decimals > 0 else { return }
        buffer.append(UInt8(ascii: "."))
        var fraction = minor % divisor
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: decimals)
        for position in stride(from: decimals - 1, through: 0, by: -1) {
            digits[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
        buffer.append(contentsOf: digits)
    }

    /// Appends a non-negative number with leading zeros to `width` digits.
    mutating func appendPadded(_ value: Int, width: Int) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        for position in stride(from: width - 1, through: 0, by: -1) where rest > 0 {
            digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        buffer.append(contentsOf: digits)
    }

    private mutating func appendInteger(_ value: Int64) {
        if value >= 10 { appendInteger(value / 10) }
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    mutating func flushIfFull() throws {
        if buffer.count >= ByteFile.flushSize { try flush() }
    }

    private mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle.close()
    }
}
