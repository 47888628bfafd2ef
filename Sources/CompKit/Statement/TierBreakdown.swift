/// A component's commission in a quota period laid out tier by tier, as a statement explains it
/// (§3.5): each tier's band in plan currency, the credit inside it, the rate paid on it and
/// what that earns, then the cap and the rounding.
///
/// Graduated tables pay each band at its own rate. Retroactive tables pay every band at the rate of
/// the highest tier reached, which is the same as `rate_k × C`; showing it band by band lets a rep
/// see what reaching the tier was worth.
public struct TierBreakdown: Sendable {
    /// One tier of the rate table.
    public struct Band: Sendable {
        /// 1-based, as the plan lists the tiers.
        public var tier: Int
        /// The tier's `from` as written in the plan (a fraction of quota, or an amount).
        public var from: ExactDecimal
        /// Where the band starts and ends in plan currency; `upper` is nil for the open last tier.
        public var lower: ExactDecimal
        public var upper: ExactDecimal?
        /// The tier's own rate.
        public var rate: ExactDecimal
        /// `max(0, min(C, upper) − lower)`.
        public var creditInside: ExactDecimal
        /// The rate this band's credit is paid at: its own (graduated) or the highest reached tier's (retroactive).
        public var ratePaid: ExactDecimal
        /// `creditInside × ratePaid`, exact.
        public var earned: ExactDecimal
    }

    public var method: RateTable.Method
    public var basis: RateTable.Basis
    public var quota: ExactDecimal
    /// C: the credit of the quota period to date.
    public var credited: ExactDecimal
    public var bands: [Band]
    /// The highest tier whose lower bound C has reached (1-based); nil when C ≤ 0.
    public var reachedTier: Int?
    /// The sum of the bands' earnings: `earned(q, m)` before cap and rounding.
    public var uncapped: ExactDecimal
    public var cap: ExactDecimal?
    /// `min(uncapped, cap)`, exact.
    public var capped: ExactDecimal
    /// `earned(q, m)`: the capped amount rounded to the currency's minor unit.
    public var earned: ExactDecimal

    public init(component: Component, credited: ExactDecimal, quota: ExactDecimal, currency: Currency) {
        let table = component.rateTable
        let lowers = CommissionMath.lowerBounds(of: table, quota: quota)
        let reached = TierBreakdown.tier(reachedBy: credited, lowerBounds: lowers)
        var bands: [Band] = []
        for (index, tier) in table.tiers.enumerated() {
            let upper = index + 1 < lowers.count ? lowers[index + 1] : nil
            let inside = TierBreakdown.credit(credited, between: lowers[index], and: upper)
            let ratePaid: ExactDecimal
            switch table.method {
            case .graduated: ratePaid = tier.rate
            case .retroactive: ratePaid = reached.map { table.tiers[$0 - 1].rate } ?? .zero
            }
            bands.append(Band(tier: index + 1, from: tier.from, lower: lowers[index], upper: upper, rate: tier.rate,
                              creditInside: inside, ratePaid: ratePaid, earned: inside * ratePaid))
        }
        let uncapped = bands.reduce(ExactDecimal.zero) { $0 + $1.earned }
        self.method = table.method
        self.basis = table.basis
        self.quota = quota
        self.credited = credited
        self.bands = bands
        self.reachedTier = reached
        self.uncapped = uncapped
        self.cap = component.cap
        self.capped = component.cap.map { min(uncapped, $0) } ?? uncapped
        self.earned = currency.round(capped)
    }

    /// The credit of `credited` that lies in `[lower, upper)` (no upper: open), never negative.
    static func credit(_ credited: ExactDecimal, between lower: ExactDecimal, and upper: ExactDecimal?) -> ExactDecimal {
        let top = upper.map { min(credited, $0) } ?? credited
        return top > lower ? top - lower : .zero
    }

    /// The highest tier (1-based) whose lower bound `credited` has reached; nil when `credited ≤ 0`,
    /// which earns nothing (§3.5).
    public static func tier(reachedBy credited: ExactDecimal, lowerBounds: [ExactDecimal]) -> Int? {
        guard credited > .zero else { return nil }
        return lowerBounds.lastIndex { $0 <= credited }.map { $0 + 1 }
    }
}
