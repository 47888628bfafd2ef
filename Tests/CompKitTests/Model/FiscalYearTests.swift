import Testing
@testable import CompKit

@Suite struct FiscalYearTests {
    @Test func labelsQuotaPeriodsByTheYearTheFiscalYearStartsIn() {
        #expect(FiscalYear(start: month("2026-01"), quotaPeriod: .quarter).label(ofQuotaPeriod: 1) == "FY2026-Q1")
        #expect(FiscalYear(start: month("2026-01"), quotaPeriod: .month).label(ofQuotaPeriod: 3) == "FY2026-M03")
        #expect(FiscalYear(start: month("2026-01"), quotaPeriod: .month).label(ofQuotaPeriod: 12) == "FY2026-M12")
        #expect(FiscalYear(start: month("2026-01"), quotaPeriod: .year).label(ofQuotaPeriod: 1) == "FY2026")
    }

    @Test func cutsACalendarYearIntoPeriods() {
        let year = FiscalYear(start: month("2026-01"), quotaPeriod: .quarter)
        #expect(year.fiscalMonth(of: month("2026-03")) == 3)
        #expect(year.quotaPeriodIndex(ofFiscalMonth: 3) == 1)   // (3 − 1) / 3 + 1
        #expect(year.quotaPeriodIndex(ofFiscalMonth: 4) == 2)   // (4 − 1) / 3 + 1
        #expect(year.fiscalMonths(ofQuotaPeriod: 2) == 4...6)   // 3k−2 … 3k for k = 2
        let q1 = year.dates(ofQuotaPeriod: 1)
        #expect(q1.first == day("2026-01-01") && q1.last == day("2026-03-31") && q1.dayCount == 90)
        #expect(FiscalYear(start: month("2026-01"), quotaPeriod: .year).dates(ofQuotaPeriod: 1).dayCount == 365)
        #expect(FiscalYear(start: month("2026-01"), quotaPeriod: .month).quotaPeriodIndex(ofFiscalMonth: 7) == 7)
    }

    @Test func aYearStartingInJuly() {
        let year = FiscalYear(start: month("2025-07"), quotaPeriod: .quarter)
        // March 2026 is the 9th month from July 2025 (Jul … Dec = 6, Jan, Feb, Mar = 9): quarter (9 − 1) / 3 + 1 = 3.
        #expect(year.fiscalMonth(of: month("2026-03")) == 9)
        #expect(year.quotaPeriodIndex(ofFiscalMonth: 9) == 3)
        #expect(year.label(ofQuotaPeriod: 3) == "FY2025-Q3")
        #expect(FiscalYear(start: month("2025-07"), quotaPeriod: .month).label(ofQuotaPeriod: 9) == "FY2025-M09")
        #expect(year.fiscalMonth(of: month("2025-06")) == nil)  // before the year
        #expect(year.fiscalMonth(of: month("2026-06")) == 12)
        #expect(year.fiscalMonth(of: month("2026-07")) == nil)  // the 13th month is the next year
        #expect(year.calendarMonth(fiscalMonth: 7) == month("2026-01"))
        #expect(year.firstDay == day("2025-07-01") && year.lastDay == day("2026-06-30"))
        let q3 = year.dates(ofQuotaPeriod: 3)
        #expect(q3.first == day("2026-01-01") && q3.last == day("2026-03-31"))
    }

    @Test func periodKinds() {
        #expect(Plan.QuotaPeriodKind.month.periodsPerYear == 12 && Plan.QuotaPeriodKind.month.monthsPerPeriod == 1)
        #expect(Plan.QuotaPeriodKind.quarter.periodsPerYear == 4 && Plan.QuotaPeriodKind.quarter.monthsPerPeriod == 3)
        #expect(Plan.QuotaPeriodKind.year.periodsPerYear == 1 && Plan.QuotaPeriodKind.year.monthsPerPeriod == 12)
    }
}
