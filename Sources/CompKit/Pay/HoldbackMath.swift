/// A component's holdback month by month (§3.11): what is held of each month's commission, and
/// when the held amounts are released.
public enum HoldbackMath {
    /// `round(commission × percent / 100)` in the plan currency: negative when the commission is
    /// (a clawback month gives some of the holdback back).
    public static func held(commission: ExactDecimal, percent: ExactDecimal, currency: Currency) -> ExactDecimal {
        currency.round(commission * percent * ExactDecimal(mantissa: 1, scale: 2))
    }

    /// Whether fiscal month `month` releases what was held: the last month of its quota period, or
    /// of the fiscal year for `release="year"`.
    public static func isReleaseMonth(_ month: Int, release: Holdback.Release, quotaPeriod: Plan.QuotaPeriodKind) -> Bool {
        switch release {
        case .period: return month % quotaPeriod.monthsPerPeriod == 0
        case .year: return month == 12
        }
    }
}

/// A release that was not paid because the person had no entry active on the release month's
/// last day (§3.11): exceptions.csv says so.
public struct HoldbackForfeit: Sendable {
    public var entry: PlanBook.EntryRef
    public var component: Int
    /// The held amounts of the release window, in the plan currency.
    public var amount: ExactDecimal
    /// The release month's last day.
    public var releaseDay: CalendarDate
}

extension HoldbackForfeit {
    /// exceptions.csv's row: the plan file, the person and what was forfeited.
    func exceptionRow(book: PlanBook) -> CreditTotals.ExceptionRow {
        let plan = book.plan(entry)
        let person = book.entry(entry).id
        return CreditTotals.ExceptionRow(
            source: plan.sourcePath, line: 0, id: person,
            reason: "holdback of \(plan.currency.format(amount)) \(plan.currency.code) on component \(plan.components[component].id) of plan \(plan.id) forfeited: \(person) has no plan entry active on the release day \(releaseDay)")
    }
}
