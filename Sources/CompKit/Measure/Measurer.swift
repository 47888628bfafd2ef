/// Measures components: quota, cumulative credit and earnings per quota period (§3.4–3.6).
public struct Measurer: Sendable {
    public let book: PlanBook
    public let totals: CreditTotals

    public init(book: PlanBook, totals: CreditTotals) {
        self.book = book
        self.totals = totals
    }

    /// The component's standing at the end of each fiscal month 1…`last`, in one pass: the credit
    /// is summed once and each quota period's quota computed once.
    public func measures(_ ref: PlanBook.EntryRef, component index: Int, through last: Int) -> [ComponentMeasure] {
        measures(ref, component: index, months: 1...last)
    }

    /// The component's standing at the end of each fiscal month of `months`, first month first.
    /// The credit of the months before is summed, but earnings are worked out only from the month
    /// before the first (a statement shows two months, or a holdback's window, of a year).
    public func measures(_ ref: PlanBook.EntryRef, component index: Int, months: ClosedRange<Int>) -> [ComponentMeasure] {
        let plan = book.plan(ref)
        let entry = book.entry(ref)
        let component = plan.components[index]
        let fiscalYear = plan.fiscalYear
        let quotaRule = entry.quotas[component.id]
        var result: [ComponentMeasure] = []
        result.reserveCapacity(months.count)
        var period = 0, quota = ExactDecimal.zero, lowerBounds: [ExactDecimal] = []
        var credited = ExactDecimal.zero, earnedBefore = ExactDecimal.zero, bonusBefore = ExactDecimal.zero
        for month in 1...months.upperBound {
            let monthPeriod = fiscalYear.quotaPeriodIndex(ofFiscalMonth: month)
            let newPeriod = monthPeriod != period
            if newPeriod {
                // A new quota period: credit, earnings and bonus start again from 0.
                period = monthPeriod
                quota = quotaRule.map { QuotaSchedule.quota($0, of: entry, period: period, fiscalYear: fiscalYear, currency: plan.currency) } ?? .zero
                lowerBounds = CommissionMath.lowerBounds(of: component.rateTable, quota: quota)
                credited = .zero
                earnedBefore = .zero
                bonusBefore = .zero
            }
            let monthCredit = totals.credit(entry: ref, component: index, fiscalMonth: month)
            credited += monthCredit
            guard month >= months.lowerBound - 1 else { continue }
            // A month without credit inside a period earns what the month before did (when that was worked out).
            let unchanged = !newPeriod && monthCredit.isZero && month >= months.lowerBound
            let earned = unchanged ? earnedBefore
                : CommissionMath.earned(component: component, credited: credited, lowerBounds: lowerBounds, currency: plan.currency)
            let bonus = unchanged ? bonusBefore : BonusMath.earned(bonuses: component.bonuses, credited: credited, quota: quota)
            if month >= months.lowerBound {
                result.append(ComponentMeasure(
                    entry: ref, component: index, quotaPeriod: period, fiscalYear: fiscalYear, quota: quota,
                    creditedToDate: credited, earnedToDate: earned, earnedPrior: earnedBefore, bonusToDate: bonus, bonusPrior: bonusBefore))
            }
            earnedBefore = earned
            bonusBefore = bonus
        }
        return result
    }
}
