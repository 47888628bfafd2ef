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

extension DealActivity {
    /// Takes over what the credit pass gathered; `sums` are the merged credit sums holding the
    /// forecast actuals.
    mutating func absorb(_ tally: FinanceTally, sums: IntegerTable<Int64>, index: CreditIndex) {
        let persons = index.repIDs.map { index.book.person($0) }
        for (number, entry) in index.entries.enumerated() {
            guard let person = persons[Int(entry.rep)] else { continue }
            let plan = index.book.plan(index.entryRef[number])
            for month in 1...12 {
                let actual = sums.base[index.cell(entry: entry, month: month, slot: 0)]
                guard actual != 0 else { continue }
                addActual(ExactDecimal(mantissa: Int128(actual), scale: plan.currency.minorUnits), currency: plan.currency,
                          month: plan.fiscalYear.calendarMonth(fiscalMonth: month), person: person)
            }
        }
        for (number, sums) in tally.runMonthCredits.enumerated() where sums.count > 0 {
            let currency = index.currencies[number]
            runMonthCredits[currency] = CreditTally(count: sums.count, amountIn: sums.amountIn,
                                                    creditOut: ExactDecimal(mantissa: Int128(sums.creditOut), scale: currency.minorUnits))
        }
        for (number, sums) in tally.closedInMonth.enumerated() where sums.count > 0 {
            closedInMonth[index.currencies[number]] = DealTally(count: sums.count, total: sums.total)
        }
        closedIDs = Set(tally.closedWatched.map { index.watchedIDs[Int($0)] })
        cycleDays = tally.cycleDays
        cycleDeals = tally.cycleDeals
        cancelledInMonth = tally.cancelledInMonth
    }
}
