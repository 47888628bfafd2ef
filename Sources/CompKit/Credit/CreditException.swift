/// Why a credit, chargeback or payment credit is not paid, or a credit stands: the reasons
/// exceptions.csv gives (§3.1, §3.1b, §3.2, §7), each worded once in `description`.
enum CreditException: Sendable, CustomStringConvertible {
    /// The rep has no plan entry on the close date.
    case noEntry(rep: String, on: CalendarDate)
    /// The rep has no plan entry on a payment's paid date.
    case noEntryForPayment(rep: String, on: CalendarDate)
    /// The deal was cancelled, but the plan has no clawback.
    case noClawback(rep: String, plan: String, cancelDate: CalendarDate)
    /// The deal was cancelled after the plan's clawback window.
    case outsideWindow(rep: String, plan: String, days: Int, window: Int)
    /// The rep has no plan entry on the cancel date to charge back.
    case noEntryOnCancel(rep: String, cancelDate: CalendarDate)
    /// The rep's entry is in a plan whose fiscal year does not hold the run month.
    case planOutsideRun(rep: String, date: CalendarDate, plan: String, runMonth: YearMonth, kind: CreditTotals.CreditRow.Kind)

    var description: String {
        switch self {
        case let .noEntry(rep, date):
            return "rep \(rep) has no plan entry active on \(date); the credit pays nothing"
        case let .noEntryForPayment(rep, date):
            return "rep \(rep) has no plan entry active on the paid date \(date); the payment credit pays nothing"
        case let .noClawback(rep, plan, cancelDate):
            return "cancelled on \(cancelDate); plan \(plan) has no clawback, so \(rep)'s credit stands"
        case let .outsideWindow(rep, plan, days, window):
            return "cancelled \(days) days after closing, outside plan \(plan)'s \(window)-day clawback window; \(rep)'s credit stands"
        case let .noEntryOnCancel(rep, cancelDate):
            return "rep \(rep) has no plan entry active on the cancel date \(cancelDate); no chargeback"
        case let .planOutsideRun(rep, date, plan, runMonth, kind):
            return "rep \(rep)'s entry on \(date) is in plan \(plan), whose fiscal year does not hold \(runMonth); the \(kind.label) pays nothing"
        }
    }
}
