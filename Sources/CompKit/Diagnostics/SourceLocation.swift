/// Where in an input file a problem is: one field of a line, a whole line, or the file as a whole.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Position: Sendable, Hashable {
        /// The file as a whole: it cannot be read, or no single line causes the problem (totals, limits).
        case wholeFile
        /// A whole line or CSV row (its number of fields, a second row for the same key), from 1.
        case wholeLine(Int)
        /// A CSV field (line from 1, the field's position from 1) or an XML position (line and column from 1).
        case field(line: Int, column: Int)
    }

    public var file: String
    public var position: Position

    public init(file: String, position: Position) {
        self.file = file
        self.position = position
    }

    /// A field or XML position; `line` and `column` count from 1.
    public init(file: String, line: Int, column: Int) {
        self.init(file: file, position: .field(line: line, column: column))
    }

    public static func wholeFile(_ file: String) -> SourceLocation { SourceLocation(file: file, position: .wholeFile) }
    public static func wholeLine(_ file: String, _ line: Int) -> SourceLocation { SourceLocation(file: file, position: .wholeLine(line)) }

    /// The line, nil for the file as a whole.
    public var line: Int? {
        switch position {
        case .wholeFile: return nil
        case .wholeLine(let line), .field(let line, _): return line
        }
    }

    /// `file:line:column` as diagnostics print it: a whole line is at its first column, the file as
    /// a whole at line 1, column 1, so that every problem has the same three parts.
    public var description: String {
        switch position {
        case .wholeFile: return "\(file):1:1"
        case .wholeLine(let line): return "\(file):\(line):1"
        case .field(let line, let column): return "\(file):\(line):\(column)"
        }
    }

    /// `file:line`, as a message names another place (just the file for the file as a whole).
    public var fileAndLine: String { line.map { "\(file):\($0)" } ?? file }

    /// The same place in a file whose lines were counted from `lines` further down.
    func shifted(lines: Int) -> SourceLocation {
        switch position {
        case .wholeFile: return self
        case .wholeLine(let line): return .wholeLine(file, line + lines)
        case .field(let line, let column): return SourceLocation(file: file, line: line + lines, column: column)
        }
    }

    /// File, then line (the whole file first), then column (the whole line first).
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        func key(_ position: Position) -> (Int, Int) {
            switch position {
            case .wholeFile: return (0, 0)
            case .wholeLine(let line): return (line, 0)
            case .field(let line, let column): return (line, column)
            }
        }
        let (left, right) = (key(lhs.position), key(rhs.position))
        return (lhs.file, left.0, left.1) < (rhs.file, right.0, right.1)
    }
}
