/// What `DealActivity` gathers from each deal (forecast actuals, control totals, the run month's
/// closed deals), gathered by a parallel worker on integer keys and handed over after the pass.
struct FinanceTally {
    /// Own positive credits per entry and fiscal month (`entry × 13 + month`), minor units.
    var actuals: [Int64]
    /// Per plan currency number: shares, Σ exact converted amount, Σ credit (minor units).
    var runMonthCredits: [Int16: (count: Int, amountIn: ExactDecimal, creditOut: Int64)] = [:]
    /// Per deal currency number: deals closed in the run month and their total amount.
    var closedInMonth: [Int16: (count: Int, total: ExactDecimal)] = [:]
    /// Pipeline opportunities (by number in `CreditIndex.watchedIDs`) that closed in the run month.
    var closedWatched = Set<Int32>()
    var cycleDays = 0
    var cycleDeals = 0
    var cancelledInMonth = 0

    init(entries: Int) {
        actuals = Array(repeating: 0, count: entries * 13)
    }

    mutating func add(_ other: FinanceTally) {
        for cell in other.actuals.indices where other.actuals[cell] != 0 { actuals[cell] += other.actuals[cell] }
        for (currency, tally) in other.runMonthCredits {
            let mine = runMonthCredits[currency] ?? (0, .zero, 0)
            runMonthCredits[currency] = (mine.count + tally.count, mine.amountIn + tally.amountIn, mine.creditOut + tally.creditOut)
        }
        for (currency, tally) in other.closedInMonth {
            let mine = closedInMonth[currency] ?? (0, .zero)
            closedInMonth[currency] = (mine.count + tally.count, mine.total + tally.total)
        }
        closedWatched.formUnion(other.closedWatched)
        cycleDays += other.cycleDays
        cycleDeals += other.cycleDeals
        cancelledInMonth += other.cancelledInMonth
    }
}

extension DealActivity {
    /// Takes over what the parallel credit pass gathered, as if every deal had been observed.
    func absorb(_ tally: FinanceTally, index: CreditIndex) {
        for entry in index.entryRef.indices {
            let ref = index.entryRef[entry]
            let plan = index.book.plan(ref)
            for month in 1...12 where tally.actuals[entry * 13 + month] != 0 {
                let key = RepMonth(rep: index.repIDs[Int(index.entryRep[entry])], month: plan.fiscalYear.calendarMonth(fiscalMonth: month))
                guard months?.contains(key.month) ?? false else { continue }
                actuals[key, default: [:]][plan.currency, default: .zero] +=
                    ExactDecimal(mantissa: Int128(tally.actuals[entry * 13 + month]), scale: plan.currency.minorUnits)
            }
        }
        for (number, sums) in tally.runMonthCredits {
            let currency = index.currencies[Int(number)]
            runMonthCredits[currency] = CreditTally(count: sums.count, amountIn: sums.amountIn,
                                                    creditOut: ExactDecimal(mantissa: Int128(sums.creditOut), scale: currency.minorUnits))
        }
        for (number, sums) in tally.closedInMonth {
            closedInMonth[index.currencies[Int(number)]] = DealTally(count: sums.count, total: sums.total)
        }
        closedIDs = Set(tally.closedWatched.map { index.watchedIDs[Int($0)] })
        cycleDays = tally.cycleDays
        cycleDeals = tally.cycleDeals
        cancelledInMonth = tally.cancelledInMonth
    }
}
