/// The deals payments.csv names, by their number in `CreditIndex.paidDeals`, with their split
/// shares in one flat list: a worker's as it meets them, then every worker's together.
struct PaidDeals {
    private(set) var deals: [PaidDeal]
    private(set) var shares: [PaidDeal.Share] = []
    /// A worker's: the numbers of the deals it met, in the order met (the store is then not by number).
    private var numbers: [Int32] = []

    /// An empty store for `count` paid deals, none met.
    init(count: Int) {
        deals = Array(repeating: .unmet, count: count)
    }

    /// A worker's store, filled as it meets deals.
    static func met() -> PaidDeals { PaidDeals(deals: []) }

    private init(deals: [PaidDeal]) { self.deals = deals }

    subscript(number: Int) -> PaidDeal { deals[number] }

    func shares(of deal: PaidDeal) -> ArraySlice<PaidDeal.Share> {
        shares[Int(deal.firstShare)..<Int(deal.firstShare) + Int(deal.shareCount)]
    }

    /// Keeps what a worker met of deal `number`.
    mutating func meet(_ number: Int32, amount: ExactDecimal, closeDay: Int32, currency: Int16, pair: Int,
                       shares reps: ArraySlice<Int32>, percents: ArraySlice<ExactDecimal>) {
        numbers.append(number)
        deals.append(PaidDeal(amount: amount, closeDay: closeDay, pair: Int32(pair), firstShare: Int32(shares.count), currency: currency,
                              shareCount: Int16(reps.count)))
        for (rep, percent) in zip(reps, percents) {
            shares.append(PaidDeal.Share(rep: rep, hundredths: Int32(percent.widened(to: 2).mantissa)))
        }
    }

    /// Adds a worker's deals (a deal met twice, its id being used twice, keeps the first), and
    /// empties the worker's store.
    mutating func absorb(_ worker: inout PaidDeals) {
        for (position, number) in worker.numbers.enumerated() where !deals[Int(number)].isMet {
            var deal = worker.deals[position]
            let workerShares = worker.shares(of: deal)
            deal.firstShare = Int32(shares.count)
            shares += workerShares
            deals[Int(number)] = deal
        }
        worker = .met()
    }
}
