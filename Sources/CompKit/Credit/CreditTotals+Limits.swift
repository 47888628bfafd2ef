/// The one limit on credit totals (docs/RELIABILITY.md): comp's decimals are exact 128-bit
/// integers, and the rate-table math multiplies a quota period's credit (scaled to 12 decimals, for
/// tier bounds `from × quota`) by a rate of up to 10 with 6 decimals. Below 10^18 in plan currency
/// that stays exact; above it, it would overflow. No real plan comes near, but a file of huge
/// amounts must be refused with an error, not stop the run with a crash.
extension CreditTotals {
    /// 10^18 in plan currency.
    public static let maxCreditedTotal = ExactDecimal(mantissa: 1_000_000_000_000_000_000, scale: 0)

    /// Logs an error for each participant entry and component whose credits of the fiscal year,
    /// added up as magnitudes (so that no quota period's `C` can be larger), reach `maxCreditedTotal`.
    /// `file` is the deals file the error points at (line 0: the file as a whole).
    func checkLimits(book: PlanBook, file: String, log: DiagnosticLog) {
        for (planIndex, plan) in book.plans.enumerated() {
            for (entryIndex, entry) in plan.participants.enumerated() {
                let ref = PlanBook.EntryRef(plan: planIndex, entry: entryIndex)
                for (index, component) in plan.components.enumerated() {
                    let total = (1...12).reduce(ExactDecimal.zero) { $0 + credit(entry: ref, component: index, fiscalMonth: $1).magnitude }
                    guard total >= CreditTotals.maxCreditedTotal else { continue }
                    log.error(.wholeFile(file),
                              "the credits of \(entry.id) in plan \(plan.id), component \(component.id), add up to \(plan.currency.format(total)) \(plan.currency.code) in the year; comp computes exactly only below 10^18 (are the amounts or fx rates right?)")
                }
            }
        }
    }
}
