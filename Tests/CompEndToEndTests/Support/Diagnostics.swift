import Testing

/// A place an error may be reported at: a file (as comp was given it), and where it matters the
/// line (nil: any) and the column (nil: any).
struct Where: Sendable, CustomStringConvertible {
    var file: String
    var lines: [Int]?
    var column: Int?

    init(_ file: String, lines: [Int]? = nil, column: Int? = nil) {
        self.file = file
        self.lines = lines
        self.column = column
    }

    var description: String {
        "\(file):\(lines.map { $0.map(String.init).joined(separator: "|") } ?? "*"):\(column.map(String.init) ?? "*")"
    }

    func matches(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.file == file && (lines?.contains(diagnostic.line) ?? true) && (column.map { $0 == diagnostic.column } ?? true)
    }
}

/// One `file:line:column: error: message` line of comp's stderr (§6).
struct Diagnostic {
    var file: String
    var line: Int
    var column: Int
    var message: String

    /// Parses a stderr line; nil when it is not a diagnostic. Parsed from the right, so a path may hold colons.
    init?(_ text: Substring) {
        guard let marker = text.range(of: ": error: ") else { return nil }
        let position = text[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
        guard position.count >= 3, let line = Int(position[position.count - 2]), let column = Int(position[position.count - 1]),
              line >= 0, column >= 0, !text[marker.upperBound...].isEmpty else { return nil }
        file = position.dropLast(2).joined(separator: ":")
        self.line = line
        self.column = column
        message = String(text[marker.upperBound...])
    }

    static func all(in stderr: String) -> [Diagnostic] {
        stderr.split(separator: "\n").compactMap(Diagnostic.init)
    }
}

/// Expects a failed run that reported, for each group of places, an error at one of them.
func expectRefused(_ run: CompRun, at expected: [[Where]], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.status == 1, "exit status should be 1 (invalid input)\n\(run.transcript)", sourceLocation: sourceLocation)
    let found = Diagnostic.all(in: run.problems)
    let stray = run.problems.split(separator: "\n").filter { Diagnostic($0) == nil && !$0.hasPrefix("… and ") }
    #expect(stray.isEmpty, "every stderr line should be file:line:column: error: message\n\(run.transcript)",
            sourceLocation: sourceLocation)
    for places in expected where !found.contains(where: { d in places.contains { $0.matches(d) } }) {
        Issue.record("no error reported at \(places.map(\.description).joined(separator: " or "))\n\(run.transcript)",
                     sourceLocation: sourceLocation)
    }
}
