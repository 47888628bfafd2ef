import Foundation

/// A position in an input file: 1-based line; column is 1-based (a CSV field number, 0 for a whole row).
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

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
        "\(location.file):\(location.line):\(location.column): error: \(message)"
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

/// Collects every input problem of a run, so that all of them are reported at once.
public final class DiagnosticLog {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Past this many, further problems are counted but not kept (a broken million-row file
    /// should not flood the terminal or the memory).
    public let limit: Int
    public private(set) var droppedCount = 0

    public init(limit: Int = 1000) { self.limit = limit }

    public var isEmpty: Bool { diagnostics.isEmpty && droppedCount == 0 }

    public func error(_ location: SourceLocation, _ message: String) {
        if diagnostics.count < limit {
            diagnostics.append(Diagnostic(location, Diagnostic.printable(message)))
        } else {
            droppedCount += 1
        }
    }

    public func error(file: String, line: Int, column: Int, _ message: String) {
        error(SourceLocation(file: file, line: line, column: column), message)
    }

    /// Takes over what `other` logged (another core's part of the same input), as if logged here;
    /// `lineOffset` is added to its lines (a part whose lines were counted from its own start).
    public func append(_ other: DiagnosticLog, lineOffset: Int = 0) {
        for diagnostic in other.diagnostics {
            var location = diagnostic.location
            location.line += lineOffset
            error(location, diagnostic.message)
        }
        droppedCount += other.droppedCount
    }

    /// The diagnostics in file, line, column order (stable for equal positions).
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.location != b.element.location ? a.element.location < b.element.location : a.offset < b.offset
        }.map(\.element)
    }
}

/// Why a command failed; each case maps to an exit status of §6.
public enum CompError: LocalizedError, CustomStringConvertible {
    /// The inputs are invalid (exit status 1); every problem is listed.
    case invalidInput([Diagnostic], more: Int)
    /// Reading or writing files failed (exit status 3).
    case io(String)
    /// The ledger cannot be used as asked (exit status 3): not a comp ledger, newer, out of order.
    case ledger(String)
    /// Closing a period again with other numbers than it was closed with (exit status 3).
    case ledgerConflict(period: YearMonth, differences: [String])

    public var exitStatus: Int32 {
        switch self {
        case .invalidInput: return 1
        case .io, .ledger, .ledgerConflict: return 3
        }
    }

    /// What the command prints on stderr (`localizedDescription` gives the same).
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .invalidInput(let diagnostics, let more):
            var lines = diagnostics.map(\.description)
            if more > 0 { lines.append("… and \(more) more errors") }
            return lines.joined(separator: "\n")
        case .io(let message), .ledger(let message):
            return "error: \(message)"
        case .ledgerConflict(let period, let differences):
            return (["error: \(period) is closed with other numbers; a closed period is never rewritten. Differences:"]
                    + differences.map { "  " + $0 }).joined(separator: "\n")
        }
    }
}
