/// The deals payments.csv names, by their number in `Payments.dealNumbers`, with their split
/// shares in one flat list: every worker's `MetPaidDeals` together, once the deals are read.
struct PaidDeals {
    private(set) var deals: [PaidDeal]
    private(set) var shares: [PaidDeal.Share] = []
    /// The deals' amounts past 64 bits (`CompactAmount`).
    private var wideAmounts: [ExactDecimal] = []

    /// An empty store for `count` paid deals, none met.
    init(count: Int) {
        deals = Array(hugePagesRepeating: .unmet, count: count)
    }

    subscript(number: Int) -> PaidDeal { deals[number] }

    func amount(of deal: PaidDeal) -> ExactDecimal { deal.amount.value(wide: wideAmounts) }

    /// Adds a worker's deals (a deal met twice, its id being used twice, keeps the first), and
    /// empties the worker's list.
    mutating func absorb(_ met: inout MetPaidDeals) {
        for (position, number) in met.numbers.enumerated() where !deals[Int(number)].isMet {
            var deal = met.deals[position]
            let metShares = met.shares[deal.shareRange]
            deal.firstShare = Int32(shares.count)
            deal.amount = deal.amount.moved(from: met.wideAmounts, to: &wideAmounts)
            shares += metShares
            deals[Int(number)] = deal
        }
        met = MetPaidDeals(room: 0)
    }
}
