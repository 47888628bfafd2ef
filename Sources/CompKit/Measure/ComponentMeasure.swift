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
