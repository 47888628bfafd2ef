/// Where one component of one participant entry stands in a pay month (a row of attainment.csv):
/// the quota period, its quota, the credit to date and what that earns (§3.4–3.6).
public struct ComponentMeasure: Sendable {
    public var entry: PlanBook.EntryRef
    public var component: Int
    public var quotaPeriod: Int
    public var fiscalYear: FiscalYear
    /// The prorated quota Q.
    public var quota: ExactDecimal
    /// C: credit from the start of the quota period to the end of the month.
    public var creditedToDate: ExactDecimal
    /// C / Q to 6 decimals; nil when Q is 0.
    public var attainment: ExactDecimal? { CommissionMath.attainment(credited: creditedToDate, quota: quota) }
    /// earned(q, m) and earned(q, m−1), commission only.
    public var earnedToDate: ExactDecimal
    public var earnedPrior: ExactDecimal
    /// Bonus earned to date in the quota period, and to the end of the month before.
    public var bonusToDate: ExactDecimal
    public var bonusPrior: ExactDecimal

    /// The quota period as attainment.csv labels it, e.g. `FY2026-Q1`.
    public var quotaPeriodLabel: String { fiscalYear.label(ofQuotaPeriod: quotaPeriod) }

    /// Commission paid in the month: earned(q, m) − earned(q, m−1); negative is a clawback.
    public var commission: ExactDecimal { earnedToDate - earnedPrior }
    /// Bonus paid in the month; negative when a chargeback drops attainment below the line.
    public var bonus: ExactDecimal { bonusToDate - bonusPrior }
}

extension ComponentMeasure {
    /// The order of one person's rows in attainment.csv (§5, §7): plan id, then component id
    /// (bytes), then entry start.
    static func inFileOrder(_ book: PlanBook) -> (ComponentMeasure, ComponentMeasure) -> Bool {
        { a, b in
            let (planA, planB) = (book.plan(a.entry), book.plan(b.entry))
            if planA.id != planB.id { return byteOrder(planA.id, planB.id) }
            let (componentA, componentB) = (planA.components[a.component].id, planB.components[b.component].id)
            if componentA != componentB { return byteOrder(componentA, componentB) }
            return book.entry(a.entry).start < book.entry(b.entry).start
        }
    }
}

/// Measures components: quota, cumulative credit and earnings per quota period (§3.4–3.6).
public struct Measurer: Sendable {
    public let book: PlanBook
    public let totals: CreditTotals

    public init(book: PlanBook, totals: CreditTotals) {
        self.book = book
        self.totals = totals
    }

    /// The component's standing at the end of fiscal month `month` of the entry's plan.
    public func measure(_ ref: PlanBook.EntryRef, component index: Int, fiscalMonth month: Int) -> ComponentMeasure {
        measures(ref, component: index, through: month)[month - 1]
    }

    /// The component's standing at the end of each fiscal month 1…`last`, in one pass: the credit
    /// is summed once and each quota period's quota computed once.
    public func measures(_ ref: PlanBook.EntryRef, component index: Int, through last: Int) -> [ComponentMeasure] {
        let plan = book.plan(ref)
        let entry = book.entry(ref)
        let component = plan.components[index]
        let fiscalYear = plan.fiscalYear
        let quotaRule = entry.quotas[component.id]
        var result: [ComponentMeasure] = []
        result.reserveCapacity(last)
        var period = 0, quota = ExactDecimal.zero, lowerBounds: [ExactDecimal] = []
        var credited = ExactDecimal.zero, earnedBefore = ExactDecimal.zero, bonusBefore = ExactDecimal.zero
        for month in 1...last {
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
            // A month without credit inside a period earns what the month before did.
            let unchanged = !newPeriod && monthCredit.isZero
            let earned = unchanged ? earnedBefore
                : CommissionMath.earned(component: component, credited: credited, lowerBounds: lowerBounds, currency: plan.currency)
            let bonus = unchanged ? bonusBefore : BonusMath.earned(bonuses: component.bonuses, credited: credited, quota: quota)
            result.append(ComponentMeasure(
                entry: ref, component: index, quotaPeriod: period, fiscalYear: fiscalYear, quota: quota,
                creditedToDate: credited, earnedToDate: earned, earnedPrior: earnedBefore, bonusToDate: bonus, bonusPrior: bonusBefore))
            earnedBefore = earned
            bonusBefore = bonus
        }
        return result
    }
}
