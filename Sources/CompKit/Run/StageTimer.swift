import Foundation

/// Prints how long each stage of a run took to stderr when `COMP_TIMINGS` is set: the numbers
/// docs/PERFORMANCE.md quotes. Timing display only; nothing computed depends on it.
public final class StageTimer {
    private let enabled = ProcessInfo.processInfo.environment["COMP_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds

    public static let shared = StageTimer()

    /// Starts timing afresh (the first stage counts from here).
    public func restart() { last = DispatchTime.now().uptimeNanoseconds }

    /// Reports the time since the previous mark under `stage`.
    public func mark(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let milliseconds = (now - last) / 1_000_000
        FileHandle.standardError.write(Data("comp: timing: \(stage): \(milliseconds) ms\n".utf8))
        last = now
    }
}
