import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults around a run (docs/RELIABILITY.md): the output folder read-only, the disk full, an input
/// vanishing mid-run, the process killed mid-write. Each must leave the earlier output and the
/// ledger as they were, and (but for SIGKILL) say what went wrong in one line and exit with 3.
@Suite struct FaultTests {
    static let output = "out/2026-03"

    /// A copy of the `valid` fixture with February closed in `ledger.sqlite` and March run once
    /// into `out/2026-03`, the output folder `out/` on `disk` when one is given.
    private static func workspace(disk kilobytes: Int? = nil) throws -> (Workspace, ScratchDisk?) {
        let workspace = try Workspace(fixtures: "valid")
        let disk = kilobytes.flatMap { ScratchDisk.mount(at: workspace.url("out"), kilobytes: $0) }
        for arguments in [["close", "--period", "2026-01"], ["close", "--period", "2026-02"], ["run", "--period", "2026-03"]] {
            let run = try workspace.comp(arguments + ["--ledger", "ledger.sqlite"])
            try #require(run.status == 0, run.transcript)
        }
        return (workspace, disk)
    }

    private static func run(_ workspace: Workspace, options: [String] = [], environment: [String: String] = [:]) throws -> CompRun {
        let running = try workspace.launch(["run", "--period", "2026-03", "--ledger", "ledger.sqlite"] + options, environment: environment, name: "faulty")
        let status = running.wait()
        return CompRun(status: status, stdout: "", stderr: running.stderr, seconds: 0, timedOut: false)
    }

    /// Exit status 3 and one line naming the failure; the earlier output, the ledger and the
    /// output's parent folder exactly as before (no temporary folder left behind).
    private static func expectFailedCleanly(
        _ run: CompRun, _ workspace: Workspace, before: [String: Data], ledger: [String: Data], saying reasons: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(run.status == 3, run.transcript, sourceLocation: sourceLocation)
        let lines = run.problems.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && reasons.contains { lines[0].contains($0) },
                "expected one line saying \(reasons)\n\(run.transcript)", sourceLocation: sourceLocation)
        #expect(try workspace.snapshot("out") == before, "out/ changed", sourceLocation: sourceLocation)
        #expect(try workspace.snapshot("").filter { $0.key.hasPrefix("ledger") } == ledger, "the ledger changed", sourceLocation: sourceLocation)
    }

    private static func ledger(_ workspace: Workspace) throws -> [String: Data] {
        try workspace.snapshot("").filter { $0.key.hasPrefix("ledger") }
    }

    /// A read-only output folder: a read-only tmpfs as root, a folder without write permission
    /// otherwise, and `EROFS` injected where neither can be made.
    @Test func readOnlyOutputFolder() throws {
        let (workspace, disk) = try Self.workspace(disk: 1024)
        defer { disk?.unmount() }
        let before = try workspace.snapshot("out"), ledger = try Self.ledger(workspace)
        var environment: [String: String] = [:]
        if let disk {
            try #require(disk.remount(readOnly: true))
        } else if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: workspace.url("out").path)
        } else {
            environment["COMP_FAULT_FAIL"] = "output-write:1:EROFS"
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: workspace.url("out").path) }
        let run = try Self.run(workspace, environment: environment)
        try Self.expectFailedCleanly(run, workspace, before: before, ledger: ledger,
                                     saying: ["Read-only file system", "ermission denied"])
    }

    /// A full disk: a small tmpfs filled up, or `ENOSPC` injected where none can be mounted.
    @Test func fullDisk() throws {
        let (workspace, disk) = try Self.workspace(disk: 512)
        defer { disk?.unmount() }
        let before = try workspace.snapshot("out"), ledger = try Self.ledger(workspace)
        var environment: [String: String] = [:]
        if let disk {
            try disk.fill()
        } else {
            environment["COMP_FAULT_FAIL"] = "output-write:2:ENOSPC"
        }
        let run = try Self.run(workspace, environment: environment)
        let after = try workspace.snapshot("out").filter { $0.key != ".filler" }
        #expect(run.status == 3, run.transcript)
        #expect(run.problems.hasPrefix("error: cannot write the output in ") && run.stderr.contains("No space left on device"), run.transcript)
        #expect(after == before, "out/ changed")
        #expect(try Self.ledger(workspace) == ledger)
    }

    /// The credit pass keeps the run month's
    /// credit rows in the temporary folder (`TMPDIR`): that folder full (a small tmpfs filled up,
    /// as root) or missing (elsewhere) fails the run without touching anything. A few rows stay in
    /// memory, so R1 gets 1 500 more March deals of one day: more than a block of them.
    @Test func temporaryFolderFull() throws {
        let (workspace, _) = try Self.workspace()
        let more = (1...1_500).map { "X\($0),2026-03-10,100.00,USD,new,CORE,R1,won,,\n" }.joined()
        try workspace.write("inputs/deals.csv", try workspace.read("inputs/deals.csv") + more)
        let folder = workspace.url("scratch-tmp")
        let disk = ScratchDisk.mount(at: folder, kilobytes: 64)
        defer { disk?.unmount() }
        if let disk { try disk.fill() } else { try FileManager.default.removeItem(at: folder) }
        let before = try workspace.snapshot("out"), ledger = try Self.ledger(workspace)
        let run = try Self.run(workspace, options: ["--no-statements"], environment: ["TMPDIR": folder.path])
        try Self.expectFailedCleanly(run, workspace, before: before, ledger: ledger,
                                     saying: ["run month's credits", "No space left on device", "No such file or directory"])
        #expect(run.stderr.contains(disk == nil ? "No such file or directory" : "No space left on device"), run.transcript)
    }

    /// Injected faults, on every machine: each failing file of the output leaves everything as it was.
    @Test(arguments: ["output-write:1:ENOSPC", "output-write:4:EIO", "output-write:6:EDQUOT"])
    func injectedWriteFailure(_ fault: String) throws {
        let (workspace, _) = try Self.workspace()
        let before = try workspace.snapshot("out"), ledger = try Self.ledger(workspace)
        let run = try Self.run(workspace, environment: ["COMP_FAULT_FAIL": fault])
        try Self.expectFailedCleanly(run, workspace, before: before, ledger: ledger,
                                     saying: ["No space left on device", "Input/output error", "quota exceeded"])
    }

    /// comp reads every input a second time for the manifest's checksums: a deals file deleted in
    /// between is an I/O failure, not a manifest without it.
    @Test func inputVanishingMidRun() throws {
        let (workspace, _) = try Self.workspace()
        let before = try workspace.snapshot("out"), ledger = try Self.ledger(workspace)
        let resume = workspace.root.appendingPathComponent("resume")
        let running = try workspace.launch(["run", "--period", "2026-03", "--ledger", "ledger.sqlite"],
                                           environment: ["COMP_FAULT_PAUSE": "input-digest:1", "COMP_FAULT_RESUME": resume.path],
                                           name: "vanishing")
        try #require(running.waitForStderr(containing: "paused at input-digest:1"), Comment(rawValue: running.stderr))
        try workspace.remove("inputs/deals.csv")
        _ = FileManager.default.createFile(atPath: resume.path, contents: nil)
        let status = running.wait()
        let stderr = running.stderr.split(separator: "\n").filter { !$0.contains("fault injection") }.joined(separator: "\n")
        try Self.expectFailedCleanly(CompRun(status: status, stdout: "", stderr: stderr, seconds: 0, timedOut: false),
                                     workspace, before: before, ledger: ledger,
                                     saying: ["cannot read inputs/deals.csv: it is gone (was it moved or deleted during the run?)"])
    }

    /// SIGKILL after two files of the new output: the earlier output and the ledger are intact;
    /// the killed run's temporary folder is left, and the next run clears it away.
    @Test func killedMidWrite() throws {
        let (workspace, _) = try Self.workspace()
        let before = try workspace.snapshot(Self.output), ledger = try Self.ledger(workspace)
        let killed = try workspace.launch(["run", "--period", "2026-03", "--ledger", "ledger.sqlite"],
                                          environment: ["COMP_FAULT_PAUSE": "output-write:2"], name: "killed")
        try #require(killed.waitForStderr(containing: "paused at output-write:2"), Comment(rawValue: killed.stderr))
        killed.kill()
        #expect(try workspace.snapshot(Self.output) == before, "the earlier output changed")
        #expect(try Self.ledger(workspace) == ledger, "the ledger changed")
        let stale = ".2026-03.tmp-\(killed.process.processIdentifier)"
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("out").path).contains(stale))

        let next = try workspace.comp("run", "--period", "2026-03", "--ledger", "ledger.sqlite")
        #expect(next.status == 0, next.transcript)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("out").path).sorted() == ["2026-03"])
        let after = try workspace.snapshot(Self.output)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after.filter { $0.key != "manifest.json" } == before.filter { $0.key != "manifest.json" })
        #expect(try Self.ledger(workspace) == ledger)
    }
}
