/// A rate table: ascending tiers, each paying its rate from its lower bound to the next tier's.
public struct RateTable: Sendable {
    public enum Method: String, Sendable {
        /// Each tier's rate pays only the credit inside the tier.
        case graduated
        /// The rate of the highest tier reached pays all credit.
        case retroactive
    }

    public enum Basis: String, Sendable {
        /// Tier bounds are fractions of quota.
        case attainment
        /// Tier bounds are credited amounts in plan currency.
        case amount
    }

    public struct Tier: Sendable {
        public var from: ExactDecimal
        public var rate: ExactDecimal

        public init(from: ExactDecimal, rate: ExactDecimal) {
            self.from = from
            self.rate = rate
        }
    }

    public var method: Method
    public var basis: Basis
    public var tiers: [Tier]

    public init(method: Method, basis: Basis, tiers: [Tier]) {
        self.method = method
        self.basis = basis
        self.tiers = tiers
    }
}
