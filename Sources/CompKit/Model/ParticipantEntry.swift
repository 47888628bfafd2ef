/// One participant element of a plan: a person paid under that plan for a date range.
///
/// A person may have several entries (in one or more plans) with non-overlapping ranges, e.g. after
/// a mid-year plan change; everything comp computes is kept per entry and added up per person at
/// the end (payroll.csv).
public struct ParticipantEntry: Sendable {
    public var id: String
    public var name: String
    public var start: CalendarDate
    /// Inclusive last day, nil when open-ended.
    public var end: CalendarDate?
    public var managerID: String?
    public var baseSalaryAnnual: ExactDecimal
    public var targetIncentiveAnnual: ExactDecimal
    /// Quota by component id.
    public var quotas: [String: Quota]

    public init(
        id: String, name: String, start: CalendarDate, end: CalendarDate? = nil, managerID: String? = nil,
        baseSalaryAnnual: ExactDecimal = .zero, targetIncentiveAnnual: ExactDecimal = .zero,
        quotas: [String: Quota] = [:]
    ) {
        self.id = id
        self.name = name
        self.start = start
        self.end = end
        self.managerID = managerID
        self.baseSalaryAnnual = baseSalaryAnnual
        self.targetIncentiveAnnual = targetIncentiveAnnual
        self.quotas = quotas
    }

    /// The days the entry is active, as a closed range (open-ended entries run to year 9999).
    public var activeRange: DateRange {
        DateRange(first: start, last: end ?? CalendarDate(year: 9999, month: 12, day: 31)!)
    }

    public func isActive(on date: CalendarDate) -> Bool { activeRange.contains(date) }
}
