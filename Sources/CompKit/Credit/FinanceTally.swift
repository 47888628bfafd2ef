/// What `DealActivity` gathers from each deal (control totals, the run month's closed deals),
/// gathered by each credit worker on integer keys and handed over after the pass. The forecast
/// actuals live in the workers' credit sums (slot 0 of each entry's month, `CreditIndex.cell`).
struct FinanceTally {
    /// Per plan currency number: shares, Σ exact converted amount, Σ credit (minor units); a
    /// currency with a count of 0 has none.
    var runMonthCredits: [(count: Int, amountIn: ExactDecimal, creditOut: Int128)]
    /// Per deal currency number: deals closed in the run month and their total amount.
    var closedInMonth: [(count: Int, total: ExactDecimal)]
    /// Pipeline opportunities (by number in `CreditIndex.watchedIDs`) that closed in the run month.
    var closedWatched = Set<Int32>()
    var cycleDays = 0
    var cycleDeals = 0
    var cancelledInMonth = 0

    init(currencies: Int) {
        runMonthCredits = Array(repeating: (0, .zero, 0), count: currencies)
        closedInMonth = Array(repeating: (0, .zero), count: currencies)
    }

    mutating func add(_ other: FinanceTally) {
        for (currency, tally) in other.runMonthCredits.enumerated() where tally.count > 0 {
            let mine = runMonthCredits[currency]
            runMonthCredits[currency] = (mine.count + tally.count, mine.amountIn + tally.amountIn, mine.creditOut + tally.creditOut)
        }
        for (currency, tally) in other.closedInMonth.enumerated() where tally.count > 0 {
            let mine = closedInMonth[currency]
            closedInMonth[currency] = (mine.count + tally.count, mine.total + tally.total)
        }
        closedWatched.formUnion(other.closedWatched)
        cycleDays += other.cycleDays
        cycleDeals += other.cycleDeals
        cancelledInMonth += other.cancelledInMonth
    }
}
