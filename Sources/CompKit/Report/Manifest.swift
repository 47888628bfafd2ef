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

    /// The manifest as pretty, key-sorted JSON with a final newline: the bytes `JSONEncoder` writes
    /// with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`, written directly, since a run
    /// with statements lists a hundred thousand files and the encoder took a quarter of a second
    /// for them at the very end of the run.
    public func json() -> [UInt8] {
        var json = JSONText()
        json.startObject()
        json.key("command")
        json.array(command) { $0.string($1) }
        json.member("generatedAt", .string(generatedAt))
        json.key("inputs")
        json.array(inputs) { json, input in
            json.object([("bytes", .number(input.bytes)), ("kind", .string(input.kind.rawValue)), ("path", .string(input.path)),
                         ("rows", .number(input.rows)), ("sha256", .string(input.sha256))])
        }
        json.key("outputs")
        json.array(outputs) { json, output in
            json.object([("bytes", .number(output.bytes)), ("file", .string(output.file)), ("sha256", .string(output.sha256))])
        }
        json.member("period", .string(period))
        json.key("rowCounts")
        json.object([("cancelled", .number(rowCounts.cancelled)), ("deal_rows", .number(rowCounts.dealRows)),
                     ("won", .number(rowCounts.won))])
        json.member("tool", .string(tool))
        json.member("version", .string(version))
        json.endObject()
        json.text.append(UInt8(ascii: "\n"))
        return json.text.bytes
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
        let (days, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = remainder < 0 ? (days - 1, remainder + 86_400) : (days, remainder)
        return "\(CalendarDate(dayNumber: day))T\(CalendarDate.pad(second / 3_600, 2)):\(CalendarDate.pad(second / 60 % 60, 2)):"
            + "\(CalendarDate.pad(second % 60, 2))Z"
    }
}

/// Pretty-printed JSON as `JSONEncoder` writes it: two spaces per level, `"key" : value`, an
/// empty array or object as an empty line between its brackets, strings escaped as it escapes them.
private struct JSONText: ~Copyable {
    var text = RenderedText(capacity: 1 << 16)
    /// Per open array or object, whether it has an element yet.
    private var hasElement: [Bool] = []

    /// What `JSONEncoder` escapes in a string: `"`, `\`, and control characters (short forms where
    /// JSON has one, else `\u00XX`); a `/` and every non-ASCII character are written as they are.
    private static let escapes: EscapeTable = {
        var replacements: [UInt8: String] = [UInt8(ascii: "\""): "\\\"", UInt8(ascii: "\\"): "\\\\", 0x08: "\\b", 0x09: "\\t",
                                              0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        for byte in UInt8(0)..<0x20 where replacements[byte] == nil {
            replacements[byte] = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }
        return EscapeTable(replacements)
    }()

    mutating func startObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Starts a member of the object open: its key, then its value is written.
    mutating func key(_ key: String) {
        nextElement()
        string(key)
        text.append(" : ")
    }

    /// A string or number member's value.
    enum Value {
        case string(String)
        case number(Int)
    }

    mutating func member(_ key: String, _ value: Value) {
        self.key(key)
        switch value {
        case .string(let text): string(text)
        case .number(let number): self.number(number)
        }
    }

    /// An object of string and number members, given in key order.
    mutating func object(_ members: [(key: String, value: Value)]) {
        startObject()
        for (key, value) in members { member(key, value) }
        endObject()
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONText, Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            nextElement()
            write(&self, element)
        }
        close(UInt8(ascii: "]"))
    }

    mutating func number(_ value: Int) { text.append(String(value)) }

    mutating func string(_ value: String) {
        text.append(UInt8(ascii: "\""))
        text.append(value, escaping: JSONText.escapes)
        text.append(UInt8(ascii: "\""))
    }

    private mutating func open(_ bracket: UInt8) {
        text.append(bracket)
        hasElement.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let level = hasElement.count - 1
        if !hasElement.removeLast() { text.append(UInt8(ascii: "\n")) }
        newLine(indent: level)
        text.append(bracket)
    }

    /// Ends the element before (if any) and indents the next one.
    private mutating func nextElement() {
        if hasElement[hasElement.count - 1] { text.append(UInt8(ascii: ",")) }
        hasElement[hasElement.count - 1] = true
        newLine(indent: hasElement.count)
    }

    private mutating func newLine(indent level: Int) {
        text.append(UInt8(ascii: "\n"))
        for _ in 0..<2 * level { text.append(UInt8(ascii: " ")) }
    }
}
