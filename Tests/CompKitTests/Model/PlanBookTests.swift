import Testing
@testable import CompKit

@Suite struct PlanBookTests {
    /// R1 moves from plan A to plan B on 2026-04-01; M1 (plan M) joins on 2026-02-01 and reports to D1 (plan D).
    let book = PlanBook(plans: [
        Fixture.plan("A", participants: [Fixture.person("R1", end: "2026-03-31", manager: "M1")]),
        Fixture.plan("B", participants: [Fixture.person("R1", start: "2026-04-01", manager: "M2")]),
        Fixture.plan("M", participants: [Fixture.person("M1", start: "2026-02-01", manager: "D1"), Fixture.person("M2", manager: "D1")]),
        Fixture.plan("D", participants: [Fixture.person("D1")]),
        Fixture.plan("OLD", yearStart: "2025-01-01", participants: [Fixture.person("X1", start: "2025-01-01")]),
    ], runMonth: month("2026-05"))

    @Test func findsTheEntryActiveOnADate() {
        #expect(book.plan(book.entry(of: "R1", on: day("2026-03-31"))!).id == "A")
        #expect(book.plan(book.entry(of: "R1", on: day("2026-04-01"))!).id == "B")
        #expect(book.entry(of: "M1", on: day("2026-01-31")) == nil)  // before M1 starts
        #expect(book.entry(of: "NOBODY", on: day("2026-04-01")) == nil)
        #expect(book.participantIDs == ["R1", "M1", "M2", "D1", "X1"])
    }

    @Test func aPlanWhoseYearDoesNotHoldTheRunMonthTakesNoPart() {
        #expect(book.participates == [true, true, true, true, false])  // OLD: 2025-01 … 2025-12
        #expect(book.participatingEntries.count == 5)  // R1 twice, M1, M2, D1; not X1
    }
}
