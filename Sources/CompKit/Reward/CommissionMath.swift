/// Commission earned on a quota period's cumulative credit (§3.5).
public enum CommissionMath {
    /// The tier bounds in plan currency: `from × quota` on attainment basis, `from` on amount basis.
    public static func lowerBounds(of table: RateTable, quota: ExactDecimal) -> [ExactDecimal] {
        table.tiers.map { table.basis == .attainment ? $0.from * quota : $0.from }
    }

    /// `earned(q, m)` before rounding and cap: graduated pays each tier's rate on the credit inside
    /// the tier; retroactive pays the highest reached tier's rate on all credit; `C ≤ 0` earns 0.
    public static func uncappedEarned(table: RateTable, credited: ExactDecimal, quota: ExactDecimal) -> ExactDecimal {
        uncappedEarned(table: table, credited: credited, lowerBounds: lowerBounds(of: table, quota: quota))
    }

    /// `uncappedEarned(table:credited:quota:)` with the tier bounds already worked out for the quota.
    static func uncappedEarned(table: RateTable, credited: ExactDecimal, lowerBounds lowers: [ExactDecimal]) -> ExactDecimal {
        guard credited > .zero else { return .zero }
        switch table.method {
        case .graduated:
            var total = ExactDecimal.zero
            for (index, tier) in table.tiers.enumerated() {
                let lower = lowers[index]
                let top = index + 1 < lowers.count ? min(credited, lowers[index + 1]) : credited
                if top > lower { total += tier.rate * (top - lower) }
            }
            return total
        case .retroactive:
            var rate = ExactDecimal.zero
            for (index, tier) in table.tiers.enumerated() where lowers[index] <= credited { rate = tier.rate }
            return rate * credited
        }
    }

    /// `earned(q, m)`: the uncapped amount, then `min(·, cap)`, then rounded to the minor unit.
    public static func earned(component: Component, credited: ExactDecimal, quota: ExactDecimal, currency: Currency) -> ExactDecimal {
        earned(component: component, credited: credited, lowerBounds: lowerBounds(of: component.rateTable, quota: quota), currency: currency)
    }

    /// `earned(component:credited:quota:currency:)` with the tier bounds already worked out for the quota.
    static func earned(component: Component, credited: ExactDecimal, lowerBounds: [ExactDecimal], currency: Currency) -> ExactDecimal {
        currency.round(cappedEarned(component: component, credited: credited, lowerBounds: lowerBounds))
    }

    /// `min(uncapped earned, cap)`, exact: what `earned` rounds, and what a statement attributes
    /// deal by deal.
    static func cappedEarned(component: Component, credited: ExactDecimal, lowerBounds: [ExactDecimal]) -> ExactDecimal {
        let uncapped = uncappedEarned(table: component.rateTable, credited: credited, lowerBounds: lowerBounds)
        return component.cap.map { min(uncapped, $0) } ?? uncapped
    }

    /// Attainment `C / Q` rounded to 6 decimals, nil when the quota is 0.
    public static func attainment(credited: ExactDecimal, quota: ExactDecimal) -> ExactDecimal? {
        quota.isZero ? nil : ExactDecimal.quotient(credited, quota, scale: 6)
    }
}
