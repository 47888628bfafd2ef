/// An inclusive range of days.
public struct DateRange: Sendable, Hashable {
    public let first: CalendarDate
    public let last: CalendarDate

    public init(first: CalendarDate, last: CalendarDate) {
        self.first = first
        self.last = last
    }

    public func contains(_ date: CalendarDate) -> Bool { first <= date && date <= last }

    /// Number of days both ranges share (0 when they do not meet).
    public func overlapDays(with other: DateRange) -> Int {
        let start = max(first, other.first)
        let end = min(last, other.last)
        return end < start ? 0 : end.dayNumber - start.dayNumber + 1
    }

    public var dayCount: Int { last.dayNumber - first.dayNumber + 1 }
}
