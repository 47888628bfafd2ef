/// Where one component of one participant entry stands in a pay month (a row of attainment.csv):
/// the quota period, its quota, the credit to date and what that earns (SPEC 3.4–3.6).
public struct ComponentMeasure: Sendable {
    public var entry: PlanBook.EntryRef
    public var component: Int
    public var quotaPeriod: Int
    public var quotaPeriodLabel: String
    /// The prorated quota Q.
    public var quota: ExactDecimal
    /// C: credit from the start of the quota period to the end of the month.
    public var creditedToDate: ExactDecimal
    /// C / Q to 6 decimals; nil when Q is 0.
    public var attainment: ExactDecimal?
    /// earned(q, m) and earned(q, m−1), commission only.
    public var earnedToDate: ExactDecimal
    public var earnedPrior: ExactDecimal
    /// Bonus earned to date in the quota period, and to the end of the month before.
    public var bonusToDate: ExactDecimal
    public var bonusPrior: ExactDecimal

    /// Commission paid in the month: earned(q, m) − earned(q, m−1); negative is a clawback.
    public var commission: ExactDecimal { earnedToDate - earnedPrior }
    /// Bonus paid in the month; negative when a chargeback drops attainment below the line.
    public var bonus: ExactDecimal { bonusToDate - bonusPrior }
}

/// Measures components: quota, cumulative credit and earnings per quota period (SPEC 3.4–3.6).
public struct Measurer: Sendable {
    public let book: PlanBook
    public let totals: CreditTotals

    public init(book: PlanBook, totals: CreditTotals) {
        self.book = book
        self.totals = totals
    }

    /// The component's standing at the end of fiscal month `month` of the entry's plan.
    public func measure(_ ref: PlanBook.EntryRef, component index: Int, fiscalMonth month: Int) -> ComponentMeasure {
        let plan = book.plan(ref)
        let component = plan.components[index]
        let fiscalYear = plan.fiscalYear
        let period = fiscalYear.quotaPeriodIndex(ofFiscalMonth: month)
        let firstMonth = fiscalYear.fiscalMonths(ofQuotaPeriod: period).lowerBound
        let quota = book.entry(ref).quotas[component.id].map {
            QuotaSchedule.quota($0, of: book.entry(ref), period: period, fiscalYear: fiscalYear, currency: plan.currency)
        } ?? .zero
        let credited = totals.credited(entry: ref, component: index, months: firstMonth...month)
        let creditedBefore = month > firstMonth
            ? totals.credited(entry: ref, component: index, months: firstMonth...(month - 1)) : nil
        func earned(_ credit: ExactDecimal?) -> ExactDecimal {
            credit.map { CommissionMath.earned(component: component, credited: $0, quota: quota, currency: plan.currency) } ?? .zero
        }
        func bonus(_ credit: ExactDecimal?) -> ExactDecimal {
            credit.map { BonusMath.earned(bonuses: component.bonuses, credited: $0, quota: quota) } ?? .zero
        }
        return ComponentMeasure(
            entry: ref, component: index, quotaPeriod: period, quotaPeriodLabel: fiscalYear.label(ofQuotaPeriod: period),
            quota: quota, creditedToDate: credited,
            attainment: CommissionMath.attainment(credited: credited, quota: quota),
            earnedToDate: earned(credited), earnedPrior: earned(creditedBefore),
            bonusToDate: bonus(credited), bonusPrior: bonus(creditedBefore))
    }
}
