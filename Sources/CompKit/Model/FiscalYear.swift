/// A plan's fiscal year: twelve calendar months from `start`, cut into quota periods.
public struct FiscalYear: Sendable, Hashable {
    public let start: YearMonth
    public let quotaPeriod: Plan.QuotaPeriodKind

    public init(start: YearMonth, quotaPeriod: Plan.QuotaPeriodKind) {
        self.start = start
        self.quotaPeriod = quotaPeriod
    }

    /// The 1-based fiscal month index of a calendar month, or nil outside the year.
    public func fiscalMonth(of month: YearMonth) -> Int? {
        let index = month.ordinal - start.ordinal + 1
        return (1...12).contains(index) ? index : nil
    }

    public func contains(_ month: YearMonth) -> Bool { fiscalMonth(of: month) != nil }

    public func calendarMonth(fiscalMonth index: Int) -> YearMonth { start.adding(months: index - 1) }

    public var firstDay: CalendarDate { start.firstDay }
    public var lastDay: CalendarDate { start.adding(months: 11).lastDay }

    /// The 1-based quota period index of a fiscal month.
    public func quotaPeriodIndex(ofFiscalMonth index: Int) -> Int { (index - 1) / quotaPeriod.monthsPerPeriod + 1 }

    /// The fiscal months a quota period spans.
    public func fiscalMonths(ofQuotaPeriod period: Int) -> ClosedRange<Int> {
        let length = quotaPeriod.monthsPerPeriod
        return ((period - 1) * length + 1)...(period * length)
    }

    /// The days a quota period spans.
    public func dates(ofQuotaPeriod period: Int) -> DateRange {
        let months = fiscalMonths(ofQuotaPeriod: period)
        return DateRange(
            first: calendarMonth(fiscalMonth: months.lowerBound).firstDay,
            last: calendarMonth(fiscalMonth: months.upperBound).lastDay)
    }

    /// The label of a quota period in attainment.csv: `FY2026-Q1`, `FY2026-M03` or `FY2026`.
    public func label(ofQuotaPeriod period: Int) -> String {
        let year = "FY" + String(start.year)
        switch quotaPeriod {
        case .quarter: return year + "-Q" + String(period)
        case .month: return year + "-M" + CalendarDate.pad(period, 2)
        case .year: return year
        }
    }
}
