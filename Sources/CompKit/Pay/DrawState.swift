/// The month-by-month state of a draw (§3.9).
struct DrawState {
    private(set) var activeMonths = 0
    private(set) var balance = ExactDecimal.zero
    /// The guarantee of the month last stepped.
    private(set) var guarantee = ExactDecimal.zero

    /// One month: in the first `months` active months the guarantee G is `monthly`, later 0;
    /// `topup = max(0, G − commission)` (0 afterwards); a recoverable draw recovers
    /// `min(balance, max(0, commission − G))` and carries the balance.
    mutating func step(rule: Draw, isActive: Bool, commission: ExactDecimal) -> (topUp: ExactDecimal, recovery: ExactDecimal) {
        if isActive { activeMonths += 1 }
        let guaranteed = isActive && activeMonths <= rule.months
        guarantee = guaranteed ? rule.monthly : .zero
        let topUp = guaranteed ? max(.zero, guarantee - commission) : .zero
        guard rule.kind == .recoverable else { return (topUp, .zero) }
        let recovery = min(balance, max(.zero, commission - guarantee))
        balance += topUp - recovery
        return (topUp, recovery)
    }
}
