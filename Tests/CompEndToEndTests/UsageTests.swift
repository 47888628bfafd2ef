import Testing

/// §6: a wrong command line exits 2 and writes nothing.
@Suite struct UsageTests {
    @Test(arguments: [
        ["run"],
        ["run", "--period", "2026-13"],
        ["run", "--period", "2026-3"],
        ["run", "--period", "March"],
        ["run", "--period", "2026-03", "--no-such-flag"],
        ["frobnicate", "--period", "2026-03"],
    ])
    func usageErrorExitsTwo(_ arguments: [String]) throws {
        let workspace = try Workspace(fixtures: "valid")
        let run = try workspace.comp(arguments)
        #expect(run.status == 2, run.transcript)
        #expect(!run.stderr.isEmpty, "a usage error should say what is wrong")
        #expect(!workspace.exists("out"))
    }
}
