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
