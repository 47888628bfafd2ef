/// Which deal earned which part of a component's commission in the month: the month's credits are
/// added one by one to the credit the quota period had before the month, in order of credit date,
/// then deal id, then kind (a team component's roll-ups per team member, in id order); each is
/// attributed what it added to the exact (capped, unrounded) earnings, rounded to the minor unit. What the roundings leave over is the residual, so that the
/// attributed amounts and the residual add up to the month's commission exactly.
public struct DealAttribution: Sendable {
    /// One credit, chargeback or team member's roll-ups of the month and what it added.
    public struct Line: Sendable {
        /// C after this credit.
        public var creditedToDate: ExactDecimal
        /// The tier C reaches before and after this credit (nil: C ≤ 0).
        public var tierBefore: Int?
        public var tier: Int?
        /// Exact earnings (capped, unrounded) after this credit.
        public var earnedToDate: ExactDecimal
        /// What this credit added to the earnings, rounded to the minor unit.
        public var commission: ExactDecimal

        /// Whether this credit moved C into another tier (up, or down for a chargeback).
        public var changesTier: Bool { tier != tierBefore }
    }

    /// C at the end of the month before (0 in the first month of the quota period).
    public var openingCredit: ExactDecimal
    public var openingTier: Int?
    /// Exact earnings (capped, unrounded) on the opening credit.
    public var openingEarned: ExactDecimal
    /// The month's own rows of the component in the order they are added: the first lines.
    public var rows: [CreditTotals.CreditRow]
    /// The roll-up sums, in member order: the lines after the rows'.
    public var rollUps: [CreditTotals.RollUpSum]
    /// What each row, then each roll-up sum, added (kept apart from them: a row is a large value to copy).
    public var lines: [Line]
    /// `commission − Σ lines' commission`: what rounding each line separately leaves over.
    public var residual: ExactDecimal
    /// The month's commission: `round(E(C)) − round(E(opening))`, as `earned(q, m) − earned(q, m−1)`.
    public var commission: ExactDecimal

    /// Σ of what the lines add: the month's credit.
    public var credited: ExactDecimal {
        rollUps.reduce(rows.reduce(ExactDecimal.zero) { $0 + $1.credit }) { $0 + $1.credit }
    }

    /// `rows` are the month's own rows of the component (any order), `rollUps` its roll-up sums
    /// (in member order); `openingCredit` is the quota period's credit to the end of the month before.
    public init(component: Component, quota: ExactDecimal, currency: Currency, openingCredit: ExactDecimal,
                rows: [CreditTotals.CreditRow], rollUps: [CreditTotals.RollUpSum] = []) {
        let lowers = CommissionMath.lowerBounds(of: component.rateTable, quota: quota)
        func earned(_ credit: ExactDecimal) -> ExactDecimal {
            CommissionMath.cappedEarned(component: component, credited: credit, lowerBounds: lowers)
        }
        // Rows equal in the statement order (roll-ups of two split shares) keep their given order.
        let ordered = rows.inStatementOrder()
        var credit = openingCredit
        var earnedSoFar = earned(openingCredit)
        var tier = TierBreakdown.tier(reachedBy: openingCredit, lowerBounds: lowers)
        var lines: [Line] = []
        lines.reserveCapacity(rows.count + rollUps.count)
        func add(_ added: ExactDecimal) {
            let newCredit = credit + added
            let newEarned = earned(newCredit)
            let newTier = TierBreakdown.tier(reachedBy: newCredit, lowerBounds: lowers)
            lines.append(Line(creditedToDate: newCredit, tierBefore: tier, tier: newTier,
                              earnedToDate: newEarned, commission: currency.round(newEarned - earnedSoFar)))
            (credit, earnedSoFar, tier) = (newCredit, newEarned, newTier)
        }
        // By position: a row bound to a name is a copy of it.
        for position in ordered.indices { add(ordered[position].credit) }
        for sum in rollUps { add(sum.credit) }
        self.rows = ordered
        self.rollUps = rollUps
        self.openingCredit = openingCredit
        self.openingTier = TierBreakdown.tier(reachedBy: openingCredit, lowerBounds: lowers)
        self.openingEarned = earned(openingCredit)
        self.lines = lines
        self.commission = currency.round(earnedSoFar) - currency.round(openingEarned)
        self.residual = commission - lines.reduce(ExactDecimal.zero) { $0 + $1.commission }
    }
}
