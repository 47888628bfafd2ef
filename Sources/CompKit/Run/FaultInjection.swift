import Foundation

/// A test hook for the fault tests: `COMP_FAULT_PAUSE=<point>:<n>` makes comp stop at the n-th step
/// of `point`, say so on stderr, and sleep, so a test can kill it there (SIGKILL) and check that
/// nothing was half-done. Points: `ledger-close` (after n payments inserted, inside the
/// transaction) and `output-write` (after n files written to the temporary output folder).
enum FaultInjection {
    private static let setting: (point: String, step: Int)? = {
        guard let value = ProcessInfo.processInfo.environment["COMP_FAULT_PAUSE"],
              let colon = value.lastIndex(of: ":"), let step = Int(value[value.index(after: colon)...]) else { return nil }
        return (String(value[..<colon]), step)
    }()

    /// Pauses for good when `point` reaches the configured step.
    static func checkpoint(_ point: String, step: Int) {
        guard let setting, setting.point == point, setting.step == step else { return }
        FileHandle.standardError.write(Data("comp: fault injection: paused at \(point):\(step)\n".utf8))
        Thread.sleep(forTimeInterval: 600)
    }
}
