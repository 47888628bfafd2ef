import Foundation

/// A `comp` started in the background, for the tests that run two at once or kill one midway.
final class RunningComp {
    let process = Process()
    let stderrURL: URL

    fileprivate init(workspace: Workspace, arguments: [String], environment: [String: String], name: String) throws {
        stderrURL = workspace.root.appendingPathComponent("\(name).stderr")
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = Locations.comp
        process.arguments = arguments
        process.currentDirectoryURL = workspace.work
        process.environment = ProcessInfo.processInfo.environment
            .merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: workspace.root.appendingPathComponent("\(name).stdout").creatingFile())
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Waits until stderr holds `text` (e.g. the fault-injection pause); false after `timeout` seconds.
    func waitForStderr(containing text: String, timeout: Double = 60) -> Bool {
        let started = Date()
        while Date().timeIntervalSince(started) < timeout {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Kills the process with SIGKILL, as a crash or an impatient operator would.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the end and returns the exit status.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

extension Workspace {
    /// Starts `comp` without waiting for it; `name` keeps its output files apart from other runs.
    func launch(_ arguments: [String], environment: [String: String] = [:], name: String) throws -> RunningComp {
        try RunningComp(workspace: self, arguments: arguments, environment: environment, name: name)
    }
}

private extension URL {
    func creatingFile() -> URL {
        FileManager.default.createFile(atPath: path, contents: nil)
        return self
    }
}
