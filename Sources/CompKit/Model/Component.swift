/// A measured, separately paid part of a plan.
public struct Component: Sendable {
    public enum CreditSource: String, Sendable {
        /// Deals credited to the participant.
        case own
        /// Copies of the credits of everyone whose manager chain reaches the participant.
        case team
    }

    /// When a deal is credited (§3.1, §3.1b).
    public enum CreditEvent: String, Sendable {
        /// From the deal itself, on its close date (and charged back when cancelled).
        case close
        /// From payments.csv, as the customer pays.
        case payment
    }

    public var id: String
    public var filter: DealFilter
    public var creditFrom: CreditSource
    public var creditOn: CreditEvent
    public var rateTable: RateTable
    /// The most the component can earn in one quota period (commission only).
    public var cap: ExactDecimal?
    public var bonuses: [Bonus]
    public var holdback: Holdback?

    public init(
        id: String, filter: DealFilter = .any, creditFrom: CreditSource = .own, creditOn: CreditEvent = .close,
        rateTable: RateTable, cap: ExactDecimal? = nil, bonuses: [Bonus] = [], holdback: Holdback? = nil
    ) {
        self.id = id
        self.filter = filter
        self.creditFrom = creditFrom
        self.creditOn = creditOn
        self.rateTable = rateTable
        self.cap = cap
        self.bonuses = bonuses
        self.holdback = holdback
    }
}
