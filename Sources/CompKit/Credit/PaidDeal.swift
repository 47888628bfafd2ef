/// A deal that payments.csv names, as the deals files give it: what its payment credits need
/// (§3.1b), kept by the worker that met it.
struct PaidDeal {
    /// The deal's number in `CreditIndex.paidDeals`.
    var number: Int
    var closeDay: Int32
    var amount: ExactDecimal
    /// The currency's number in `CreditIndex.currencies`.
    var currency: Int16
    /// The deal's (type, product) pair in the index's match tables.
    var pair: Int
    /// Rep number and percent of each split share.
    var shares: [(rep: Int32, percent: ExactDecimal)]
}

/// What the payments of each paid deal add up to so far, across payments files: a deal's payments
/// must add up to between 0 and its amount (§2.3, §7).
struct PaidSoFar {
    var total: [ExactDecimal]
    /// The last payment row of each deal: where a total out of bounds is reported.
    var lastLine: [Int]

    init(deals: Int) {
        total = Array(repeating: .zero, count: deals)
        lastLine = Array(repeating: 0, count: deals)
    }
}
