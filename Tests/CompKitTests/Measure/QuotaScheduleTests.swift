import Testing
@testable import CompKit

@Suite struct QuotaScheduleTests {
    static func quota(_ quota: Quota, start: String = "2026-01-01", end: String? = nil, period: Int,
                      kind: Plan.QuotaPeriodKind = .quarter, yearStart: String = "2026-01", currency: Currency = .usd) -> ExactDecimal {
        QuotaSchedule.quota(quota, of: Fixture.person("R1", start: start, end: end), period: period,
                            fiscalYear: FiscalYear(start: month(yearStart), quotaPeriod: kind), currency: currency)
    }

    @Test func anAnnualQuotaIsSplitEquallyAndRounded() {
        // 100000 / 12 = 8333.333… → 8333.33
        #expect(Self.quota(.annual(dec("100000")), period: 5, kind: .month) == dec("8333.33"))
        // JPY has no decimals: 100000 / 12 → 8333
        #expect(Self.quota(.annual(dec("100000")), period: 5, kind: .month, currency: .jpy) == dec("8333"))
        #expect(Self.quota(.annual(dec("600000")), period: 2) == dec("150000.00"))  // 600000 / 4
        #expect(Self.quota(.annual(dec("600000")), period: 1, kind: .year) == dec("600000.00"))
    }

    @Test func perPeriodQuotasAreUsedAsWritten() {
        let ramp = Quota.perPeriod([1: dec("12500"), 2: dec("17500"), 3: dec("1000.555")])
        #expect(Self.quota(ramp, period: 2, kind: .month) == dec("17500"))
        #expect(Self.quota(ramp, period: 3, kind: .month) == dec("1000.555"))  // not rounded to cents
    }

    @Test func proratedByActiveDaysWhenHiredInsideThePeriod() {
        // Hired Jan 15 (a 31-day month) in Q1 2026 (31 + 28 + 31 = 90 days): active 17 + 28 + 31 = 76 days.
        // round(150000 × 76 / 90) = round(11400000 / 90) = round(126666.666…) = 126666.67
        #expect(Self.quota(.annual(dec("600000")), start: "2026-01-15", period: 1) == dec("126666.67"))
        // The next quarter is whole: 150000.00
        #expect(Self.quota(.annual(dec("600000")), start: "2026-01-15", period: 2) == dec("150000.00"))
    }

    @Test func proratedWhenLeavingInsideThePeriod() {
        // Leaves Feb 14: active 31 + 14 = 45 of 90 days → 150000 × 45 / 90 = 75000.00
        #expect(Self.quota(.annual(dec("600000")), end: "2026-02-14", period: 1) == dec("75000.00"))
        // Not active at all in Q2: 150000 × 0 / 91 = 0
        #expect(Self.quota(.annual(dec("600000")), end: "2026-02-14", period: 2) == .zero)
    }

    @Test func proratedInMonthAndYearPeriods() {
        // Monthly: 120000 / 12 = 10000; from Mar 16, 16 of 31 days: 10000 × 16 / 31 = 5161.2903… → 5161.29
        #expect(Self.quota(.annual(dec("120000")), start: "2026-03-16", period: 3, kind: .month) == dec("5161.29"))
        // Yearly: from Jul 1, 184 of 365 days (Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 184):
        // 365000 × 184 / 365 = 184000.00
        #expect(Self.quota(.annual(dec("365000")), start: "2026-07-01", period: 1, kind: .year) == dec("184000.00"))
        // Leap year: Q1 2024 has 91 days; from Feb 1, 29 + 31 = 60 days: 91000 × 60 / 91 = 60000.00
        #expect(Self.quota(.perPeriod([1: dec("91000")]), start: "2024-02-01", period: 1, yearStart: "2024-01") == dec("60000.00"))
    }

    @Test func aFiscalYearStartingInJuly() {
        // FY from 2025-07: quarter 3 is Jan–Mar 2026 (90 days). Hired 2026-03-01: 31 days.
        // 150000 × 31 / 90 = 51666.666… → 51666.67
        #expect(Self.quota(.annual(dec("600000")), start: "2026-03-01", period: 3, yearStart: "2025-07") == dec("51666.67"))
    }
}
