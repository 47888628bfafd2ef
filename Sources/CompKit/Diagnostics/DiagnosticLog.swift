import Foundation

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
