/// Why a credit or chargeback is not paid: the reasons exceptions.csv gives (§3.1, §3.2, §7),
/// worded once for both credit passes.
enum CreditException {
    static func noEntry(rep: String, on date: CalendarDate) -> String {
        "rep \(rep) has no plan entry active on \(date); the credit pays nothing"
    }

    static func noEntryForPayment(rep: String, on date: CalendarDate) -> String {
        "rep \(rep) has no plan entry active on the paid date \(date); the payment credit pays nothing"
    }

    static func noClawback(rep: String, plan: String, cancelDate: CalendarDate) -> String {
        "cancelled on \(cancelDate); plan \(plan) has no clawback, so \(rep)'s credit stands"
    }

    static func outsideWindow(rep: String, plan: String, days: Int, window: Int) -> String {
        "cancelled \(days) days after closing, outside plan \(plan)'s \(window)-day clawback window; \(rep)'s credit stands"
    }

    static func noEntryOnCancel(rep: String, cancelDate: CalendarDate) -> String {
        "rep \(rep) has no plan entry active on the cancel date \(cancelDate); no chargeback"
    }

    static func planOutsideRun(rep: String, date: CalendarDate, plan: String, runMonth: YearMonth, kind: CreditTotals.CreditRow.Kind) -> String {
        "rep \(rep)'s entry on \(date) is in plan \(plan), whose fiscal year does not hold \(runMonth); the \(kind.label) pays nothing"
    }
}
