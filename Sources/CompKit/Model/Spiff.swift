/// A per-credit incentive on matching deals.
public struct Spiff: Sendable {
    public enum Payout: Sendable {
        /// A fixed amount per deal, times the split share.
        case perDeal(ExactDecimal)
        /// A rate times the credit.
        case rate(ExactDecimal)
    }

    public var id: String
    public var filter: DealFilter
    public var payout: Payout

    public init(id: String, filter: DealFilter = .any, payout: Payout) {
        self.id = id
        self.filter = filter
        self.payout = payout
    }
}
