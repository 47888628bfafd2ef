/// The deals of payments.csv one credit worker met, in the order it met them, with their split
/// shares in one flat list: what crediting their payments needs (`PaidDeals` gathers every worker's).
struct MetPaidDeals {
    /// Each deal's number among the paid deals (`Payments.dealNumbers`), in the order met.
    private(set) var numbers: [Int32] = []
    private(set) var deals: [PaidDeal] = []
    private(set) var shares: [PaidDeal.Share] = []
    /// The deals' amounts past 64 bits (`CompactAmount`).
    private(set) var wideAmounts: [ExactDecimal] = []

    /// Lists with room for `count` deals, the most a worker meets (every deal payments.csv names)
    /// and two shares each. The room is reserved, not touched: what a worker does not fill takes no
    /// memory, and the lists are not copied to grow while the deals are read (at ten million deals
    /// two workers each copying 30 MB at once made the run's peak).
    init(room count: Int) {
        numbers.reserveCapacity(count)
        deals.reserveCapacity(count)
        shares.reserveCapacity(count * 2)
    }

    /// Keeps what the worker met of deal `number`.
    mutating func meet(_ number: Int32, amount: ExactDecimal, closeDay: Int32, currency: Int16, pair: Int,
                       shares reps: ArraySlice<Int32>, percents: ArraySlice<ExactDecimal>) {
        numbers.append(number)
        deals.append(PaidDeal(amount: CompactAmount(amount, wide: &wideAmounts), closeDay: closeDay, pair: Int32(pair),
                              firstShare: Int32(shares.count), currency: currency, shareCount: Int16(reps.count)))
        for (rep, percent) in zip(reps, percents) {
            shares.append(PaidDeal.Share(rep: rep, hundredths: Int32(percent.widened(to: 2).mantissa)))
        }
    }
}
