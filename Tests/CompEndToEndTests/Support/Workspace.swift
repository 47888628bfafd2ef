import Foundation
import Testing

/// Where the end-to-end tests find the built `comp`, their fixtures and the project's own data.
enum Locations {
    /// The package root, from this file's place in `Tests/CompEndToEndTests/Support/`.
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `Fixtures` resource folder copied next to the test bundle, or the source folder as a fallback.
    static let fixtures: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)
        ?? projectRoot.appendingPathComponent("Tests/CompEndToEndTests/Fixtures")

    /// The `comp` executable built beside the test bundle (the test target depends on it).
    static let comp: URL = {
        let folders = [
            Bundle.module.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            projectRoot.appendingPathComponent(".build/debug"),
        ]
        let candidates = folders.map { $0.appendingPathComponent("comp") }
        var isFolder: ObjCBool = false
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.path, isDirectory: &isFolder) && !isFolder.boolValue
                && FileManager.default.isExecutableFile(atPath: $0.path)
        } ?? candidates[candidates.count - 1]
    }()
}

/// What one run of `comp` did.
struct CompRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    var timedOut: Bool

    /// How the stderr line naming the files the defaults chose begins.
    static let implicitInputsPrefix = "comp: also reading (not named on the command line): "

    /// stderr without the line naming the files the defaults chose (`InputsFolderTests` checks that
    /// line): what comp said went wrong.
    var problems: String {
        stderr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(CompRun.implicitInputsPrefix) }.joined(separator: "\n")
    }

    /// Everything it printed, for failure messages.
    var transcript: Comment { "exit \(status)\(timedOut ? " (killed: timed out)" : "")\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// A private temporary folder a test works in: `work/` is comp's current directory, its output
/// streams are kept beside it. Removed when the test lets go of it.
final class Workspace {
    let root: URL
    let work: URL
    private let files = FileManager.default

    /// A new folder holding copies of the given fixture folders (merged in order).
    init(fixtures names: String...) throws {
        root = files.temporaryDirectory.appendingPathComponent("comp-e2e-\(UUID().uuidString)")
        work = root.appendingPathComponent("work")
        try files.createDirectory(at: work, withIntermediateDirectories: true)
        for name in names { try merge(Locations.fixtures.appendingPathComponent(name)) }
    }

    deinit { try? files.removeItem(at: root) }

    /// A new folder holding a copy of the project's own `plans/` and `inputs/` (the README's data).
    static func project() throws -> Workspace {
        let workspace = try Workspace()
        for folder in ["plans", "inputs"] {
            try workspace.merge(Locations.projectRoot.appendingPathComponent(folder), into: folder)
        }
        return workspace
    }

    /// Copies the contents of `source` into the work folder.
    func merge(_ source: URL, into relative: String = "") throws {
        let target = url(relative)
        try files.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try files.contentsOfDirectory(atPath: source.path) {
            try files.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
    }

    func url(_ relative: String) -> URL { relative.isEmpty ? work : work.appendingPathComponent(relative) }

    func exists(_ relative: String) -> Bool { files.fileExists(atPath: url(relative).path) }

    func read(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }

    func write(_ relative: String, _ text: String) throws {
        try files.createDirectory(at: url(relative).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url(relative))
    }

    func remove(_ relative: String) throws { try files.removeItem(at: url(relative)) }

    /// Replaces the one occurrence of `old` in a file; a fixture that does not hold it exactly once
    /// is a broken test, recorded as an issue.
    func replace(in relative: String, _ old: String, with new: String) throws {
        let text = try read(relative)
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else {
            Issue.record("\(relative) holds \(parts.count - 1) copies of \(old.debugDescription), not one")
            return
        }
        try write(relative, parts.joined(separator: new))
    }

    /// Every file under a folder, by relative path, with its bytes; empty when there is no such folder.
    func snapshot(_ relative: String) throws -> [String: Data] {
        let base = url(relative)
        var result: [String: Data] = [:]
        guard exists(relative) else { return result }
        for path in try files.subpathsOfDirectory(atPath: base.path) {
            var isFolder: ObjCBool = false
            let full = base.appendingPathComponent(path)
            if files.fileExists(atPath: full.path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: full)
            }
        }
        return result
    }

    /// Runs the built `comp` with the work folder as current directory; a run longer than
    /// `timeout` seconds is killed and reported as timed out.
    @discardableResult
    func comp(_ arguments: String..., timeout: Double = 60) throws -> CompRun {
        try comp(arguments, timeout: timeout)
    }

    func comp(_ arguments: [String], timeout: Double = 60) throws -> CompRun {
        try run(Locations.comp, arguments, timeout: timeout)
    }

    /// Runs any program the same way (the tests' headless browser, for one).
    func run(_ executable: URL, _ arguments: [String], timeout: Double = 60) throws -> CompRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = work
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let outURL = root.appendingPathComponent("stdout"), errURL = root.appendingPathComponent("stderr")
        for stream in [outURL, errURL] { _ = files.createFile(atPath: stream.path, contents: nil) }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(started) < timeout { Thread.sleep(forTimeInterval: 0.005) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        return CompRun(status: process.terminationStatus,
                       stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                       seconds: Date().timeIntervalSince(started), timedOut: timedOut)
    }
}
