import Foundation

/// Test hooks for the fault tests (docs/RELIABILITY.md); inert unless their environment variable is set.
///
/// - `COMP_FAULT_PAUSE=<point>:<n>` makes comp stop at the n-th step of `point`, say so on stderr,
///   and sleep, so a test can kill it there (SIGKILL) and check that nothing was half-done, or
///   change the files around it. With `COMP_FAULT_RESUME=<file>`, it goes on once that file exists.
/// - `COMP_FAULT_FAIL=<point>:<n>:<ERRNO>` makes the n-th step of `point` fail as if the system
///   had answered ERRNO (ENOSPC, EROFS, EACCES, EIO, EDQUOT): a full or read-only disk where the
///   test cannot make a real one.
///
/// Points: `ledger-close` (after n payments inserted, inside the transaction), `output-write`
/// (after n files written to the temporary output folder; failing: writing file n), and
/// `input-digest` (before the n-th input is read again for the manifest's checksums).
enum FaultInjection {
    private static let environment = ProcessInfo.processInfo.environment

    /// `<point>:<n>` of a variable, and what follows (for COMP_FAULT_FAIL, the errno name).
    private static func setting(_ name: String) -> (point: String, step: Int, rest: String)? {
        guard let value = environment[name] else { return nil }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let step = Int(parts[1]) else { return nil }
        return (String(parts[0]), step, parts.dropFirst(2).joined(separator: ":"))
    }

    private static let pause = setting("COMP_FAULT_PAUSE")
    private static let failure = setting("COMP_FAULT_FAIL")
    private static let errnoNames: [String: Int32] = ["ENOSPC": ENOSPC, "EROFS": EROFS, "EACCES": EACCES, "EIO": EIO, "EDQUOT": EDQUOT]
    /// Pauses when `point` reaches the configured step: for good, or until the resume file exists.
    /// Callers number their steps themselves (inputs are digested, and files written, off the main thread).
    static func checkpoint(_ point: String, step: Int) {
        guard let pause, pause.point == point, pause.step == step else { return }
        FileHandle.standardError.write(Data("comp: fault injection: paused at \(point):\(step)\n".utf8))
        let resume = environment["COMP_FAULT_RESUME"]
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            if let resume, FileManager.default.fileExists(atPath: resume) { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// The error step `step` of `point` is to fail with, if any.
    static func injectedFailure(_ point: String, step: Int) -> POSIXError? {
        guard let failure, failure.point == point, failure.step == step,
              let code = errnoNames[failure.rest].flatMap(POSIXErrorCode.init(rawValue:)) else { return nil }
        return POSIXError(code)
    }
}
