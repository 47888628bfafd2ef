import Testing
@testable import CompKit

/// §3.3 and §7 as the credit pass looks them up: the fiscal month a credit counts in, and the
/// managers above an entry on a date.
@Suite struct CreditIndexTests {
    /// R1 moves from plan A to plan B on 2026-04-01; M1 (plan M) joins on 2026-02-01 and reports to D1 (plan D).
    let index = CreditIndex(book: PlanBook(plans: [
        Fixture.plan("A", participants: [Fixture.person("R1", end: "2026-03-31", manager: "M1")]),
        Fixture.plan("B", participants: [Fixture.person("R1", start: "2026-04-01", manager: "M2")]),
        Fixture.plan("M", participants: [Fixture.person("M1", start: "2026-02-01", manager: "D1"), Fixture.person("M2", manager: "D1")]),
        Fixture.plan("D", participants: [Fixture.person("D1")]),
        Fixture.plan("OLD", yearStart: "2025-01-01", participants: [Fixture.person("X1", start: "2025-01-01")]),
    ], runMonth: month("2026-05")), fx: FXTable())

    private func entry(_ id: String, on date: String) -> Int {
        index.entry(rep: Int32(index.repIDs.firstIndex(of: id)!), day: Int32(day(date).dayNumber))
    }

    private func countedMonth(_ date: String, plan: String) -> Int {
        let date = day(date)
        return index.countedMonth(day: Int32(date.dayNumber), monthOrdinal: date.yearMonth.ordinal,
                                  plan: index.book.plans.firstIndex { $0.id == plan }!)
    }

    @Test func countsOnlyDatesUpToTheRunMonth() {
        #expect(countedMonth("2026-05-31", plan: "B") == 5)
        #expect(countedMonth("2026-06-01", plan: "B") == 0)  // after the run month
        #expect(countedMonth("2025-06-01", plan: "OLD") == 0)  // plan not in the run
    }

    @Test func managerChainIsReadOnTheDateAndStopsAtAManagerWithoutEntry() {
        // One chain reused, as the credit workers do: each call starts it afresh.
        var reused = ManagerChain()
        func chain(_ date: String) -> [String] {
            index.managerChain(entry: entry("R1", on: date), day: Int32(day(date).dayNumber), into: &reused)
            return reused.levels.map { index.repIDs[Int(index.entries[reused[$0]].rep)] }
        }
        #expect(chain("2026-02-20") == ["M1", "D1"])   // nearest first
        #expect(chain("2026-01-20") == [])            // M1 not active yet: the chain stops, D1 gets nothing
        #expect(chain("2026-04-20") == ["M2", "D1"])   // plan B's entry names M2
    }

    /// A chain read for the day when a manager's entry changes inside the rep's, and chains that
    /// come round again stopped, asked in turn on one reused chain.
    @Test func chainsFollowTheDayAndStopWhereTheyComeRound() {
        // R1's entry in plan P spans the year; its manager M1 moves from plan M to plan N on
        // 2026-07-01 (two entries, each under a different director); D1 and D2 manage each other.
        let index = CreditIndex(book: PlanBook(plans: [
            Fixture.plan("P", participants: [Fixture.person("R1", manager: "M1"), Fixture.person("R2", manager: "M3")]),
            Fixture.plan("M", participants: [Fixture.person("M1", end: "2026-06-30", manager: "D1"), Fixture.person("M3", manager: "D2")]),
            Fixture.plan("N", participants: [Fixture.person("M1", start: "2026-07-01", manager: "D2")]),
            Fixture.plan("D", participants: [Fixture.person("D1", manager: "D2"), Fixture.person("D2", manager: "D1")]),
        ], runMonth: month("2026-12")), fx: FXTable())
        var reused = ManagerChain()
        func chain(_ id: String, _ date: String) -> [String] {
            let rep = Int32(index.repIDs.firstIndex(of: id)!), day = Int32(day(date).dayNumber)
            index.managerChain(entry: index.entry(rep: rep, day: day), day: day, into: &reused)
            return reused.levels.map { index.repIDs[Int(index.entries[reused[$0]].rep)] }
        }
        #expect(chain("R1", "2026-03-10") == ["M1", "D1", "D2"])  // M1's first entry, under D1
        #expect(chain("R2", "2026-03-10") == ["M3", "D2", "D1"])  // D1's manager D2 is in the chain: stop
        #expect(chain("R1", "2026-09-10") == ["M1", "D2", "D1"])  // M1's second entry, under D2
        #expect(chain("D1", "2026-09-10") == ["D2"])              // D2's manager is D1 itself
        #expect(chain("M1", "2026-09-10") == ["D2", "D1"])
    }
}
