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
