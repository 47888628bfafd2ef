import Testing
@testable import CompKit

@Suite struct CalendarDateTests {
    @Test func parsesAndPrintsIsoDates() throws {
        let date = try #require(CalendarDate(parsing: "2026-03-15"))
        #expect(date.year == 2026 && date.month == 3 && date.day == 15)
        #expect(date.description == "2026-03-15")
        #expect(CalendarDate(year: 987, month: 1, day: 5)?.description == "0987-01-05")  // padded to four digits
    }

    @Test(arguments: ["2026-02-30", "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                      "2026-3-15", "2026/03/15", "2026-03-15 ", "26-03-15", "2026-03-1x", ""])
    func refusesDaysThatDoNotExistOrOtherForms(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29"])  // divisible by 4; by 400
    func acceptsLeapDays(text: String) {
        #expect(CalendarDate(parsing: text) != nil)
    }

    @Test(arguments: [(2024, 2, 29), (2026, 2, 28), (1900, 2, 28), (2000, 2, 29), (2026, 4, 30), (2026, 1, 31), (2026, 12, 31)])
    func countsDaysInAMonth(year: Int, month: Int, days: Int) {
        #expect(CalendarDate.daysIn(year: year, month: month) == days)
    }

    @Test func numbersDaysFromTheEpoch() {
        #expect(day("1970-01-01").dayNumber == 0)
        // 2000-01-01 is day 10957; then 26 years of 365 days plus 7 leap days (2000, 2004, …, 2024):
        // 10957 + 9490 + 7 = 20454.
        #expect(day("2026-01-01").dayNumber == 20454)
        // 31 days of January and 27 more: 2026-01-01 + 58 days = 2026-02-28.
        #expect(CalendarDate(dayNumber: 20454 + 58) == day("2026-02-28"))
    }

    @Test func addsDaysAcrossMonthAndYearEnds() {
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2026-02-28").adding(days: 1) == day("2026-03-01"))
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        // Jan 15 → Apr 15: 31 (January) + 28 (February) + 31 (March) = 90 days.
        #expect(day("2026-04-15").dayNumber - day("2026-01-15").dayNumber == 90)
    }
}

@Suite struct YearMonthTests {
    @Test func parsesExactlySevenCharacters() {
        #expect(YearMonth(parsing: "2026-03") == YearMonth(year: 2026, month: 3))
        for text in ["2026-3", "2026-13", "2026-00", "202603", "2026-03-01", "+026-03", "2026--3", "2026-0a"] {
            #expect(YearMonth(parsing: text) == nil, "\(text)")
        }
    }

    @Test func doesMonthArithmetic() {
        #expect(month("2026-12").adding(months: 1) == month("2027-01"))
        #expect(month("2026-01").adding(months: -1) == month("2025-12"))
        #expect(month("2025-07").adding(months: 11) == month("2026-06"))
        #expect(month("2026-03").description == "2026-03")
    }

    @Test func knowsItsDays() {
        #expect(month("2024-02").dayCount == 29)
        #expect(month("2026-02").dayCount == 28)
        #expect(month("2026-04").firstDay == day("2026-04-01"))
        #expect(month("2026-04").lastDay == day("2026-04-30"))
    }
}

@Suite struct DateRangeTests {
    @Test func countsSharedDays() {
        let january = DateRange(first: day("2026-01-01"), last: day("2026-01-31"))
        #expect(january.dayCount == 31)
        // Jan 15 … Jan 31 inclusive: 31 − 15 + 1 = 17 days.
        #expect(DateRange(first: day("2026-01-15"), last: day("9999-12-31")).overlapDays(with: january) == 17)
        #expect(DateRange(first: day("2026-02-01"), last: day("2026-02-28")).overlapDays(with: january) == 0)
        #expect(DateRange(first: day("2026-01-31"), last: day("2026-02-10")).overlapDays(with: january) == 1)
        // Q1 2026: 31 + 28 + 31 = 90 days; Q1 2024: 31 + 29 + 31 = 91.
        #expect(DateRange(first: day("2026-01-01"), last: day("2026-03-31")).dayCount == 90)
        #expect(DateRange(first: day("2024-01-01"), last: day("2024-03-31")).dayCount == 91)
        #expect(january.contains(day("2026-01-31")) && !january.contains(day("2026-02-01")))
    }
}
