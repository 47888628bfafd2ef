import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Shows which stage a long run is in, on one line of stderr rewritten in place, once the run has
/// taken more than a second — and only when stderr is a terminal: a log or a pipe gets nothing extra.
/// Display only; nothing computed depends on it.
public final class TerminalProgress: @unchecked Sendable {
    // @unchecked: every mutable property is read and written under `lock` only.
    public static let shared = TerminalProgress(isTerminal: isatty(STDERR_FILENO) == 1)

    private let isTerminal: Bool
    /// How long a run goes before the line appears.
    private let delay: DispatchTimeInterval
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var started: UInt64?
    private var stage: RunStage?
    private var shown = false
    private var timer: DispatchSourceTimer?

    /// `write` receives the text meant for stderr (tests catch it).
    init(isTerminal: Bool, delay: DispatchTimeInterval = .seconds(1),
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.isTerminal = isTerminal
        self.delay = delay
        self.write = write
    }

    /// Notes that the run has entered `stage` (the first call starts the clock).
    public func begin(_ stage: RunStage) {
        guard isTerminal else { return }
        lock.withLock {
            self.stage = stage
            guard started == nil else { return }
            started = DispatchTime.now().uptimeNanoseconds
            let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
            timer.schedule(deadline: .now() + delay, repeating: .milliseconds(200))
            timer.setEventHandler { [weak self] in self?.draw() }
            timer.resume()
            self.timer = timer
        }
    }

    /// Stops and clears the line, before the run prints its result or its errors.
    public func finish() {
        guard isTerminal else { return }
        lock.withLock {
            timer?.cancel()
            timer = nil
            if shown { write(Self.clearLine) }
            shown = false
            started = nil
            stage = nil
        }
    }

    private func draw() {
        lock.withLock {
            guard let started, let stage else { return }
            let elapsed = DispatchTime.now().uptimeNanoseconds - started
            write(Self.clearLine + Self.line(stage: stage, elapsedNanoseconds: elapsed))
            shown = true
        }
    }

    /// Back to the start of the line, and the line erased.
    static let clearLine = "\r\u{1B}[2K"

    /// `comp: [2/6] crediting deals… 3.4 s`.
    static func line(stage: RunStage, elapsedNanoseconds: UInt64) -> String {
        let tenths = elapsedNanoseconds / 100_000_000
        return "comp: [\(stage.rawValue + 1)/\(RunStage.allCases.count)] \(stage.label)… \(tenths / 10).\(tenths % 10) s"
    }
}
