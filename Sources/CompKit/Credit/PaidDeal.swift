/// A deal that payments.csv names, as the deals files give it: what its payment credits need
/// (§3.1b), kept by the worker that met it. Its split shares are in the store's flat list.
struct PaidDeal {
    /// A split share: the rep's number and the percent in hundredths (`60.00` is 6000).
    struct Share {
        var rep: Int32
        var hundredths: Int32

        var percent: ExactDecimal { ExactDecimal(mantissa: Int128(hundredths), scale: 2) }
    }

    /// The deal's amount; its store (`MetPaidDeals`, `PaidDeals`) reads it.
    var amount: CompactAmount
    /// The close date's day number; `notMet` until a deals file gives the deal.
    var closeDay: Int32
    /// The deal's (type, product) pair in the index's match tables.
    var pair: Int32
    /// Where the deal's shares start in the store's list, and how many.
    var firstShare: Int32
    /// The currency's number in `CreditIndex.currencies`.
    var currency: Int16
    var shareCount: Int16

    static let notMet = Int32.min
    static let unmet = PaidDeal(amount: .zero, closeDay: notMet, pair: 0, firstShare: 0, currency: 0, shareCount: 0)

    var isMet: Bool { closeDay != PaidDeal.notMet }

    /// Where the deal's shares are in its store's list.
    var shareRange: Range<Int> { Int(firstShare)..<Int(firstShare) + Int(shareCount) }
}
