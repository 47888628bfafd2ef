import Crypto
import Foundation

/// manifest.json (§5): what produced the output, from which inputs, and the outputs' checksums.
public struct Manifest: Codable, Sendable {
    public struct Input: Codable, Sendable {
        public var path: String
        public var kind: InputKind
        public var bytes: Int
        public var sha256: String
        /// Data rows (CSV), `<deal>` elements (deals XML) or participants (plans).
        public var rows: Int
    }

    public struct Output: Codable, Sendable {
        public var file: String
        public var bytes: Int
        public var sha256: String
    }

    public var tool: String
    public var version: String
    public var command: [String]
    public var period: String
    /// The only field that changes between identical runs.
    public var generatedAt: String
    public var inputs: [Input]
    public var rowCounts: DealCounts
    public var outputs: [Output]

    /// The manifest as pretty, key-sorted JSON with a final newline.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    /// The SHA-256 of bytes in memory, as lowercase hex.
    public static func sha256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// Size and SHA-256 of a file, read in cache-sized chunks into one buffer; throws `CompError.io` when it cannot be read.
    public static func fileDigest(path: String) throws -> (bytes: Int, sha256: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CompError.io(IOFailure(.read, path, reason: "it is gone (was it moved or deleted during the run?)"))
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 19, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var size = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CompError.io(.lastSystemError(.read, path))
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += count
        }
        return (size, hex(hasher.finalize()))
    }

    /// The bytes in lowercase hexadecimal, two digits each.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The current UTC time as ISO 8601, e.g. `2026-03-31T18:02:11Z`.
    public static func now() -> String { timestamp(secondsSince1970: Int(time(nil))) }

    /// A time given in seconds since 1970-01-01T00:00:00Z as ISO 8601 in UTC. Written out by hand:
    /// a date formatter loads the ICU calendar data, which costs more than a small run's manifest.
    static func timestamp(secondsSince1970 seconds: Int) -> String {
        let (days, second) = (seconds.quotientAndRemainder(dividingBy: 86_400))
        let (day, time) = second < 0 ? (days - 1, second + 86_400) : (days, second)
        return "\(CalendarDate(dayNumber: day))T\(CalendarDate.pad(time / 3_600, 2)):\(CalendarDate.pad(time / 60 % 60, 2)):"
            + "\(CalendarDate.pad(time % 60, 2))Z"
    }
}
