import Foundation
import Testing

/// One inputs folder (§2): `--inputs DIR`, else the folder of the first `--deals` file, else
/// `inputs/`; a flag for one file overrides it, and every run names on stderr the files it read
/// that the command line did not name.
@Suite struct InputsFolderTests {
    /// The project folder holds `inputs/` of another data set whose forecasts.csv names a rep that no
    /// plan knows (reading it would fail the run); this month's data is in `data/2026-03/`.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace(fixtures: "valid")
        try workspace.write("inputs/forecasts.csv", "rep_id,month,commit\nR99,2026-03,4000\n")
        try workspace.write("data/2026-03/deals.csv", try workspace.read("inputs/deals.csv"))
        try workspace.write("data/2026-03/fx.csv", try workspace.read("inputs/fx.csv"))
        return workspace
    }

    /// The line on stderr that names the files the defaults chose.
    static func implicitFiles(_ run: CompRun) -> [String] {
        guard let line = run.stderr.split(separator: "\n").first(where: { $0.hasPrefix(CompRun.implicitInputsPrefix) }) else { return [] }
        return line.dropFirst(CompRun.implicitInputsPrefix.count).components(separatedBy: ", ")
    }

    @Test func theFolderOfTheDealsFileIsTheInputsFolder() throws {
        let workspace = try Self.workspace()
        let run = try workspace.comp("run", "--period", "2026-03", "--deals", "data/2026-03/deals.csv")
        try #require(run.status == 0, run.transcript)
        #expect(Self.implicitFiles(run) == ["plans/plan.xml", "data/2026-03/fx.csv"], run.transcript)
        let manifest = try workspace.read("out/2026-03/manifest.json")
        #expect(manifest.contains("\"path\" : \"data/2026-03/fx.csv\""), "\(manifest)")
        #expect(!manifest.contains("inputs/"), "nothing may come from ./inputs: \(manifest)")
    }

    @Test func theInputsFlagNamesTheFolderAndAFileFlagOverridesIt() throws {
        let workspace = try Self.workspace()
        let fromFolder = try workspace.comp("run", "--period", "2026-03", "--inputs", "data/2026-03", "--out", "a")
        try #require(fromFolder.status == 0, fromFolder.transcript)
        #expect(Self.implicitFiles(fromFolder) == ["plans/plan.xml", "data/2026-03/deals.csv", "data/2026-03/fx.csv"], fromFolder.transcript)

        try workspace.write("rates.csv", try workspace.read("inputs/fx.csv"))
        let named = try workspace.comp("run", "--period", "2026-03", "--inputs", "data/2026-03", "--fx", "rates.csv",
                                       "--plans", "plans", "--out", "b")
        try #require(named.status == 0, named.transcript)
        #expect(Self.implicitFiles(named) == ["data/2026-03/deals.csv"], named.transcript)
        #expect(try workspace.read("b/manifest.json").contains("\"path\" : \"rates.csv\""))
        // Same data, same payroll.
        #expect(try workspace.read("a/payroll.csv") == workspace.read("b/payroll.csv"))
    }

    @Test func withoutFlagsTheInputsFolderIsInputs() throws {
        let workspace = try Self.workspace()
        // validate and run read the same files: ./inputs/forecasts.csv, whose R99 is in no plan.
        for command in ["validate", "run"] {
            let run = try workspace.comp(command, "--period", "2026-03")
            #expect(run.status == 1 && run.stderr.contains("inputs/forecasts.csv:2:1: error:"), run.transcript)
            #expect(Self.implicitFiles(run) == ["plans/plan.xml", "inputs/deals.csv", "inputs/fx.csv", "inputs/forecasts.csv"],
                    run.transcript)
        }
        #expect(!workspace.exists("out"))
    }

    @Test func everythingNamedMeansNothingAnnounced() throws {
        let workspace = try Self.workspace()
        let run = try workspace.comp("validate", "--period", "2026-03", "--plans", "plans/plan.xml",
                                     "--deals", "data/2026-03/deals.csv", "--fx", "data/2026-03/fx.csv")
        #expect(run.status == 0, run.transcript)
        #expect(!run.stderr.contains(CompRun.implicitInputsPrefix), run.transcript)
    }
}
