import Testing
@testable import CompKit

@Suite struct WhatIfDealTests {
    @Test(arguments: [
        ("25000", "25000", "new", ""),
        ("1999.99:upsell", "1999.99", "upsell", ""),
        ("500:renewal:SUPPORT", "500", "renewal", "SUPPORT"),
        ("500::ANALYTICS", "500", "new", "ANALYTICS"),        // empty TYPE: the default
        ("0.000001:new:", "0.000001", "new", ""),
    ])
    func parses(_ text: String, amount: String, type: String, product: String) throws {
        let deal = try WhatIfDeal.parse(text).get()
        #expect(deal == WhatIfDeal(amount: dec(amount), type: type, product: product))
    }

    @Test(arguments: ["", "0", "-5", "1e3", "12,5", "1.0000001", "abc:new", "100:new deal", "100:new:A:B", "100:new:A B"])
    func refuses(_ text: String) {
        #expect(throws: WhatIfDealError.self) { try WhatIfDeal.parse(text).get() }
    }

    @Test func landsOnTheLastDayTheRepIsPaidUnderAPlan() {
        // R2 leaves on 2026-03-20 and R3 joins on 2026-04-02; the run month is March.
        let plan = Fixture.plan("P", currency: .eur, participants: [
            Fixture.person("R1"), Fixture.person("R2", end: "2026-03-20"), Fixture.person("R3", start: "2026-04-02"),
        ])
        let book = PlanBook(plans: [plan], runMonth: month("2026-03"))
        #expect(WhatIfDeal.placement(of: "R1", in: book)?.date == day("2026-03-31"))
        #expect(WhatIfDeal.placement(of: "R2", in: book)?.date == day("2026-03-20"))
        #expect(WhatIfDeal.placement(of: "R2", in: book)?.currency == .eur)
        #expect(WhatIfDeal.placement(of: "R3", in: book) == nil)
        let deal = WhatIfDeal(amount: dec("10")).deal(number: 2, repID: "R1", date: day("2026-03-31"), currency: .eur)
        #expect(deal.id == "what-if-2" && deal.splits == [Deal.Split(repID: "R1", percent: dec("100"))] && deal.status == .won)
    }
}
