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
        totals.addCredit(dec("100"), entry: r2, component: 1, fiscalMonth: 1)
        totals.addCredit(dec("250.50"), entry: r2, component: 1, fiscalMonth: 3)
        totals.addCredit(dec("-40"), entry: r2, component: 1, fiscalMonth: 3)
        totals.addCredit(dec("7"), entry: r3, component: 0, fiscalMonth: 3)
        totals.addSpiff(dec("12.5"), entry: r3, spiff: 0, fiscalMonth: 12)
        #expect(totals.credited(entry: r2, component: 1, months: 1...3) == dec("310.50"))  // 100 + 250.50 − 40
        #expect(totals.credited(entry: r2, component: 1, months: 2...3) == dec("210.50"))  // 250.50 − 40
        #expect(totals.credited(entry: r2, component: 0, months: 1...12) == .zero)
        #expect(totals.credited(entry: PlanBook.EntryRef(plan: 0, entry: 0), component: 1, months: 1...12) == .zero)
        #expect(totals.credited(entry: r3, component: 0, months: 3...3) == dec("7"))         // B's entry is its own slot
        #expect(totals.spiff(entry: r3, spiff: 0, fiscalMonth: 12) == dec("12.5"))
    }
}
