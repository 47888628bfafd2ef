import Foundation

/// One problem found in the input, printed as `file:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public init(file: String, line: Int, column: Int, _ message: String) {
        self.init(SourceLocation(file: file, line: line, column: column), message)
    }

    public var description: String {
        "\(location): error: \(message)"
    }

    /// The longest message kept, in Unicode scalars (`…` aside): messages quote input values, and a
    /// value can be as long as a CSV record (1 MiB); a thousand of those would be a gigabyte of errors.
    public static let maxMessageCharacters = 1000

    /// `message` as one short printable line, whatever the input it quotes held: control
    /// characters, line and paragraph separators and bidirectional overrides are escaped
    /// (`\n`, `\u{202E}`), and a message longer than `maxMessageCharacters` is cut with `…`.
    public static func printable(_ message: String) -> String {
        var result = String.UnicodeScalarView()
        var length = 0
        for scalar in message.unicodeScalars {
            let escaped: String?
            switch scalar {
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            case _ where [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value):
                escaped = "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                escaped = nil
            }
            length += escaped?.unicodeScalars.count ?? 1
            guard length <= maxMessageCharacters else {
                result.append("…")
                break
            }
            if let escaped { result.append(contentsOf: escaped.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }
}
