import Testing
@testable import CompKit

@Suite struct PlanTests {
    @Test func filtersMatchTokensOrAnything() {
        let newBusiness = DealFilter(types: ["new", "upsell"])
        #expect(newBusiness.matches(type: "upsell", product: "CORE"))
        #expect(!newBusiness.matches(type: "renewal", product: "CORE"))
        #expect(!newBusiness.matches(type: "New", product: "CORE"))  // tokens are exact
        let analytics = DealFilter(types: ["new"], products: ["ANALYTICS"])
        #expect(analytics.matches(type: "new", product: "ANALYTICS"))
        #expect(!analytics.matches(type: "new", product: ""))  // a deal without product does not match a product filter
        #expect(DealFilter.any.matches(type: "anything", product: ""))
    }

    @Test func fiscalYearComesFromYearStart() {
        let plan = Fixture.plan("P", yearStart: "2025-07-01", quotaPeriod: .month, participants: [])
        #expect(plan.fiscalYear == FiscalYear(start: month("2025-07"), quotaPeriod: .month))
    }
}
