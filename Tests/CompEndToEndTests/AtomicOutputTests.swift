import Foundation
import Testing

/// §5 and §7: a run writes into a temporary folder and renames it into place, so a failed run
/// leaves any earlier output untouched, and never leaves a half-written folder.
@Suite struct AtomicOutputTests {
    /// The default output folder, and one given with --out.
    static let targets: [(arguments: [String], folder: String)] = [([], "out/2026-03"), (["--out", "results/march"], "results/march")]

    private func run(_ workspace: Workspace, _ extra: [String]) throws -> CompRun {
        try workspace.comp(["run", "--period", "2026-03"] + extra)
    }

    @Test(arguments: targets)
    func failedRunLeavesEarlierOutputUntouched(_ extra: [String], _ folder: String) throws {
        let workspace = try Workspace(fixtures: "valid")
        let first = try run(workspace, extra)
        try #require(first.status == 0, first.transcript)
        let parent = (folder as NSString).deletingLastPathComponent
        let before = try workspace.snapshot(parent)
        try #require(before.keys.contains { $0.hasSuffix("payroll.csv") })
        try workspace.replace(in: BrokenCase.deals, "1000.00", with: "0")
        let broken = try run(workspace, extra)
        #expect(broken.status == 1, broken.transcript)
        #expect(try workspace.snapshot(parent) == before, "\(parent)/ changed after a failed run")
    }

    @Test(arguments: targets)
    func failedRunWithoutEarlierOutputWritesNothing(_ extra: [String], _ folder: String) throws {
        let workspace = try Workspace(fixtures: "valid")
        try workspace.replace(in: BrokenCase.deals, "1000.00", with: "0")
        let broken = try run(workspace, extra)
        #expect(broken.status == 1, broken.transcript)
        #expect(!workspace.exists(folder))
        #expect(!workspace.exists((folder as NSString).deletingLastPathComponent), "no parent folder either")
    }

    @Test(arguments: targets)
    func goodRunReplacesTheEarlierFolderAsAWhole(_ extra: [String], _ folder: String) throws {
        let workspace = try Workspace(fixtures: "valid")
        try workspace.write("\(folder)/stale.txt", "from an earlier run\n")
        let run = try run(workspace, extra)
        #expect(run.status == 0, run.transcript)
        #expect(workspace.exists("\(folder)/payroll.csv"))
        #expect(!workspace.exists("\(folder)/stale.txt"), "the earlier folder should be replaced, not merged into")
    }
}
