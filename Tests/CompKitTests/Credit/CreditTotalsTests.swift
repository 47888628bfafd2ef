import Testing
@testable import CompKit

@Suite struct CreditTotalsTests {
    @Test func sumsByEntryComponentAndMonth() {
        // Two plans: A with 2 entries and 2 components, B with 1 entry and 1 component and 1 SPIFF.
        let book = PlanBook(plans: [
            Fixture.plan("A", components: [Fixture.component("x"), Fixture.component("y")],
                         participants: [Fixture.person("R1"), Fixture.person("R2")]),
            Fixture.plan("B", spiffs: [Spiff(id: "s", payout: .perDeal(dec("1")))], participants: [Fixture.person("R3")]),
        ], runMonth: month("2026-12"))
        var totals = CreditTotals(book: book)
        let r2 = PlanBook.EntryRef(plan: 0, entry: 1)
        let r3 = PlanBook.EntryRef(plan: 1, entry: 0)
        // In cents, as the credit pass hands them over: R2's y 100.00 in month 1 and 210.50 in month 3;
        // R3's x 7.00 in month 3 and SPIFF 12.50 in month 12.
        totals.addMinorUnits(entry: r2, scale: 2, credit: { [1: [1: 10_000, 3: 21_050]][$0]?[$1] ?? 0 }, spiff: { _, _ in 0 })
        totals.addMinorUnits(entry: r3, scale: 2, credit: { $0 == 0 && $1 == 3 ? 700 : 0 }, spiff: { $0 == 0 && $1 == 12 ? 1_250 : 0 })
        #expect(totals.credited(entry: r2, component: 1, months: 1...3) == dec("310.50"))  // 100 + 210.50
        #expect(totals.credited(entry: r2, component: 1, months: 2...3) == dec("210.50"))
        #expect(totals.credited(entry: r2, component: 0, months: 1...12) == .zero)
        #expect(totals.credited(entry: PlanBook.EntryRef(plan: 0, entry: 0), component: 1, months: 1...12) == .zero)
        #expect(totals.credited(entry: r3, component: 0, months: 3...3) == dec("7"))         // B's entry is its own slot
        #expect(totals.spiff(entry: r3, spiff: 0, fiscalMonth: 12) == dec("12.5"))
    }
}
