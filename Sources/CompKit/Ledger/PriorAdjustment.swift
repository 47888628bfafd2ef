/// The ledger's arithmetic (§3.10) for one person, pay type, component and currency:
/// `payable(m) = Σ computed(1…m) − Σ paid(1…m−1)`, of which `payable(m) − computed(m)` corrects
/// periods already closed.
enum PriorAdjustment {
    /// `payable(m) − computed(m)`: the part of what payroll pays in month m that corrects closed
    /// periods (`computedToDate` includes month m, `paidToDate` the closed months before it).
    static func of(computedToDate: ExactDecimal, paidToDate: ExactDecimal, computedThisMonth: ExactDecimal) -> ExactDecimal {
        computedToDate - paidToDate - computedThisMonth
    }
}
