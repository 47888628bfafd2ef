import Foundation
import Synchronization

/// Prints how long each stage of a run took, and the resident memory then and at its highest so
/// far, to stderr when `COMP_TIMINGS` is set: the numbers docs/PERFORMANCE.md quotes. Display
/// only; nothing computed depends on it.
public final class StageTimer: Sendable {
    private let enabled = ProcessInfo.processInfo.environment["COMP_TIMINGS"] != nil
    /// When the previous stage ended, in `DispatchTime` nanoseconds.
    private let last = Mutex(DispatchTime.now().uptimeNanoseconds)

    public static let shared = StageTimer()

    /// Starts timing afresh (the first stage counts from here).
    public func restart() { last.withLock { $0 = DispatchTime.now().uptimeNanoseconds } }

    /// Reports the time since the previous mark under `stage`.
    public func mark(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let milliseconds = last.withLock { last in
            defer { last = now }
            return (now - last) / 1_000_000
        }
        FileHandle.standardError.write(Data("comp: timing: \(stage): \(milliseconds) ms\(memory)\n".utf8))
    }

    /// `, resident N MB (peak M MB)` from /proc/self/status, or nothing where there is none.
    private var memory: String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ key: String) -> String {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key) }
            let kilobytes = line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
            return kilobytes.map { String($0 / 1024) } ?? "?"
        }
        return ", resident \(megabytes("VmRSS:")) MB (peak \(megabytes("VmHWM:")) MB)"
    }
}
