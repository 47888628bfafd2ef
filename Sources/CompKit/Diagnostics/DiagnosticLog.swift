import Synchronization

/// Collects every input problem of a run, so that all of them are reported at once. Safe to log
/// into from several threads.
public final class DiagnosticLog: Sendable {
    private struct State {
        var diagnostics: [Diagnostic] = []
        var droppedCount = 0
    }

    private let state = Mutex(State())
    /// Past this many, further problems are counted but not kept (a broken million-row file
    /// should not flood the terminal or the memory).
    public let limit: Int

    public init(limit: Int = 1000) { self.limit = limit }

    public var diagnostics: [Diagnostic] { state.withLock { $0.diagnostics } }
    public var droppedCount: Int { state.withLock { $0.droppedCount } }

    public var isEmpty: Bool { state.withLock { $0.diagnostics.isEmpty && $0.droppedCount == 0 } }

    public func error(_ location: SourceLocation, _ message: String) {
        let diagnostic = Diagnostic(location, Diagnostic.printable(message))
        state.withLock { state in
            if state.diagnostics.count < limit {
                state.diagnostics.append(diagnostic)
            } else {
                state.droppedCount += 1
            }
        }
    }

    /// A problem with one field (CSV) or at one position (XML); `line` and `column` count from 1.
    public func error(file: String, line: Int, column: Int, _ message: String) {
        error(SourceLocation(file: file, line: line, column: column), message)
    }

    /// Takes over what `other` logged (another core's part of the same input), as if logged here;
    /// `lineOffset` is added to its lines (a part whose lines were counted from its own start).
    public func append(_ other: DiagnosticLog, lineOffset: Int = 0) {
        let (diagnostics, dropped) = other.state.withLock { ($0.diagnostics, $0.droppedCount) }
        for diagnostic in diagnostics {
            error(diagnostic.location.shifted(lines: lineOffset), diagnostic.message)
        }
        state.withLock { $0.droppedCount += dropped }
    }

    /// The diagnostics in file, line, column order (stable for equal positions).
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.location != b.element.location ? a.element.location < b.element.location : a.offset < b.offset
        }.map(\.element)
    }
}
