import Foundation
import Testing

/// A small month computed by hand (Fixtures/hand-month/EXPECTED.md shows the arithmetic): graduated
/// tier crossing, split deal with rounding, EUR deal through fx.csv, manager roll-up, chargeback with
/// its SPIFF reversal, SPIFF, bonus, base salary, CSV quoting and ordering (§3, §5, §7).
@Suite struct HandComputedMonthTests {
    static let files = ["payroll.csv", "credits.csv", "attainment.csv", "exceptions.csv"]

    @Test(arguments: files)
    func outputMatchesTheHandComputedFile(_ name: String) throws {
        try expectHandComputed([name], in: Workspace(fixtures: "hand-month"))
    }

    /// §2.2: a leading BOM and `\r\n` line ends read the same as plain `\n`.
    @Test func bomAndCRLFChangeNothing() throws {
        let workspace = try Workspace(fixtures: "hand-month")
        for file in ["inputs/deals.csv", "inputs/fx.csv"] {
            try workspace.write(file, "\u{FEFF}" + workspace.read(file).replacingOccurrences(of: "\n", with: "\r\n"))
        }
        try expectHandComputed(Self.files, in: workspace)
    }

    /// Runs the month and compares each named file byte for byte with `expected/`.
    private func expectHandComputed(_ names: [String], in workspace: Workspace) throws {
        let run = try workspace.comp("run", "--period", "2026-02")
        try #require(run.status == 0, run.transcript)
        for name in names {
            let actual = try Data(contentsOf: workspace.url("out/2026-02/\(name)"))
            let expected = try Data(contentsOf: workspace.url("expected/\(name)"))
            #expect(actual == expected, "\(name) differs from expected/\(name):\n\(String(decoding: actual, as: UTF8.self))")
        }
    }
}
