@testable import CompKit

/// A deals file run through the credit pass, as every command reads it: what was credited in the
/// run month and every problem as `line:column message`.
struct DealPass {
    let rows: [CreditTotals.CreditRow]
    let outcome: CreditPass.Outcome
    let problems: [String]

    /// Credits `text` (written to `name`, `.csv` or `.xml`) for `month` under a plan in USD whose
    /// participants are `participants`; with `knowsEveryParticipant` false, as when the plans are broken.
    static func read(_ text: String, name: String = "deals.csv", month runMonth: String = "2026-01",
                     participants: Set<String> = ["R1", "R2", "R3"], knowsEveryParticipant: Bool = true,
                     threads: Int = 2) throws -> DealPass {
        try withTemporaryFolder { folder in
            let path = try write(text, to: name, in: folder)
            let plan = Fixture.plan("P", participants: participants.sorted().map { Fixture.person($0) })
            let book = PlanBook(plans: [plan], runMonth: month(runMonth))
            let log = DiagnosticLog()
            let outcome = try CreditPass.run(paths: [path], book: book, fx: FXTable(), log: log,
                                                     knowsEveryParticipant: knowsEveryParticipant, threads: threads)
            return DealPass(rows: try outcome.totals.runMonthCredits(), outcome: outcome,
                            problems: log.sorted.map { "\($0.location.lineAndColumn) \($0.message)" })
        }
    }

    /// The ids of the deals credited in the run month, once each, in the order they were read.
    var creditedIDs: [String] {
        var seen = Set<String>()
        return rows.map(\.dealID).filter { seen.insert($0).inserted }
    }
}

extension DealAttribution {
    /// Line by line, `D04 credit` for a deal's row, `R1 roll-up ×2` for a team member's roll-ups.
    var labels: [String] {
        rows.map { "\($0.dealID) \($0.kind.label)" } + rollUps.map { "\($0.memberID) roll-up ×\($0.copies)" }
    }
}
