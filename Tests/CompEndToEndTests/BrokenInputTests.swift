import Foundation
import Testing

/// §2, §6 and §7: invalid input exits 1, names every problem as `file:line:column: error:`,
/// and writes nothing.
@Suite struct BrokenInputTests {
    /// The corpus means something only if the fixture it breaks is valid, with every extra file.
    @Test func theValidFixtureRuns() throws {
        let workspace = try Workspace(fixtures: "valid")
        for file in [BrokenCase.plan2, BrokenCase.xml] { try Edit.add(file).apply(to: workspace) }
        let run = try workspace.comp("run", "--period", "2026-03")
        #expect(run.status == 0, run.transcript)
        #expect(workspace.exists("out/2026-03/payroll.csv"))
    }

    @Test(arguments: BrokenCase.all)
    func brokenInputIsRefused(_ broken: BrokenCase) throws {
        let workspace = try Workspace(fixtures: "valid")
        for edit in broken.edits { try edit.apply(to: workspace) }
        let run = try workspace.comp("run", "--period", "2026-03", timeout: 30)
        expectRefused(run, at: broken.expected)
        #expect(!workspace.exists("out"), "a refused run must write no output folder")
    }

    /// Every command reads the inputs by the same rules: what `run` refuses, `validate`, `close`
    /// and `explain` refuse with the very same problems, and what one accepts the others accept.
    @Test(arguments: BrokenCase.all)
    func everyCommandRefusesItAlike(_ broken: BrokenCase) throws {
        let workspace = try Workspace(fixtures: "valid")
        for edit in broken.edits { try edit.apply(to: workspace) }
        let run = try workspace.comp("run", "--period", "2026-03", timeout: 30)
        for command in [["validate"], ["close", "--ledger", "closing.sqlite"], ["explain", "--rep", "R1"]] {
            let other = try workspace.comp(command + ["--period", "2026-03"], timeout: 30)
            #expect(other.status == run.status && other.problems == run.problems, "\(command[0]): \(other.transcript)")
        }
        #expect(!workspace.exists("out"))
    }

    /// A deals file that cannot be opened is named with the system's reason, CSV and XML alike,
    /// by `run` and `validate`.
    @Test func anInputThatCannotBeOpenedSaysWhy() throws {
        let workspace = try Workspace(fixtures: "valid")
        for path in ["inputs/deals.csv/more.csv", "inputs/deals.csv/more.xml"] {
            for command in ["run", "validate"] {
                let run = try workspace.comp(command, "--period", "2026-03", "--deals", path)
                #expect(run.status == 1, run.transcript)
                #expect(run.problems == "\(path):1:1: error: cannot open the file: Not a directory\n", run.transcript)
            }
        }
        let missing = try workspace.comp("run", "--period", "2026-03", "--deals", "inputs/more.xml")
        #expect(missing.status == 1 && missing.problems == "inputs/more.xml:1:1: error: file not found\n", missing.transcript)
        #expect(!workspace.exists("out"))
    }

    /// §2.1: no DTD loading, no external entities, bounded size — refused in seconds, and no
    /// byte of the referenced file shows up anywhere.
    @Test(arguments: BrokenCase.hostileCases)
    func hostileXMLIsRefusedFast(_ hostile: BrokenCase) throws {
        let workspace = try Workspace(fixtures: "valid")
        for edit in hostile.edits { try edit.apply(to: workspace) }
        let run = try workspace.comp("run", "--period", "2026-03", timeout: 30)
        #expect(!run.timedOut && run.seconds < 5, "took \(run.seconds) s")
        #expect(run.status == 1, run.transcript)
        #expect(!(run.stderr + run.stdout).contains("root:"), "the content of /etc/passwd leaked\n\(run.transcript)")
    }
}
