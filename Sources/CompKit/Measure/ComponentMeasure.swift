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
