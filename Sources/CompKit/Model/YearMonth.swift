/// A calendar month, e.g. 2026-03: the pay period.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` exactly.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              let year = Int(text.prefix(4)), let month = Int(text.suffix(2)),
              bytes.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) }),
              (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.init(year: year, month: month)
    }

    /// A count of months since year 0, for month arithmetic.
    public var ordinal: Int { year * 12 + (month - 1) }

    public init(ordinal: Int) { self.init(year: ordinal / 12, month: ordinal % 12 + 1) }

    public func adding(months: Int) -> YearMonth { YearMonth(ordinal: ordinal + months) }

    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: year, month: month, day: dayCount)! }
    public var dayCount: Int { CalendarDate.daysIn(year: year, month: month) }
    /// The month's days.
    public var dates: DateRange { DateRange(first: firstDay, last: lastDay) }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.ordinal < rhs.ordinal }

    public var description: String { CalendarDate.pad(year, 4) + "-" + CalendarDate.pad(month, 2) }
}
