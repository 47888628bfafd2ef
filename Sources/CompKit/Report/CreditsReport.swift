/// credits.csv (SPEC 5 and 7): every credit, chargeback and roll-up copy dated in the run month,
/// once per matching component.
public enum CreditsReport {
    static let header = ["period", "rep_id", "plan_id", "component", "deal_id", "credit_date", "kind",
                         "deal_amount", "deal_currency", "fx_rate", "percent", "credit"]

    public static func csv(_ credits: RunMonthCredits, period: YearMonth) -> [UInt8] {
        let rows: [CreditTotals.CreditRow]
        switch credits.storage {
        case .compact(let compact, let index): return csv(compact, index: index, period: period)
        case .rows(let simpleRows): rows = simpleRows
        }
        // SPEC 5: rep, plan, component, date, deal id, kind; rows equal in all of these (roll-up
        // copies of two split shares of one deal) keep the order in which the deal listed its reps.
        let order = rows.indices.sorted { i, j in
            let a = rows[i], b = rows[j]
            let rep = byteCompare(a.repID, b.repID)
            if rep != 0 { return rep < 0 }
            let plan = byteCompare(a.planID, b.planID)
            if plan != 0 { return plan < 0 }
            let component = byteCompare(a.component, b.component)
            if component != 0 { return component < 0 }
            if a.creditDate != b.creditDate { return a.creditDate < b.creditDate }
            let deal = byteCompare(a.dealID, b.dealID)
            if deal != 0 { return deal < 0 }
            if a.kind != b.kind { return a.kind < b.kind }
            return i < j
        }
        var writer = CSVWriter(header: header)
        let periodText = period.description
        for row in order.map({ rows[$0] }) {
            writer.field(periodText)
            writer.field(row.repID)
            writer.field(row.planID)
            writer.field(row.component)
            writer.field(row.dealID)
            writer.field(row.creditDate.description)
            writer.field(row.kind.label)
            writer.field(row.dealAmount, decimals: row.dealCurrency.minorUnits)
            writer.field(row.dealCurrency.code)
            writer.field(row.fxRate, decimals: 6)
            writer.field(row.percent, decimals: 2)
            writer.field(row.credit, decimals: row.planCurrency.minorUnits)
            writer.endRow()
        }
        return writer.bytes
    }

    /// The parallel pass's compact rows written straight as bytes: every id, date and code is
    /// escaped and encoded once, not once per row (millions of rows at scale).
    private static func csv(_ compact: CompactCredits, index: CreditIndex, period: YearMonth) -> [UInt8] {
        var writer = CSVWriter(header: header)
        func encoded(_ text: String) -> [UInt8] {
            var one = CSVWriter()
            one.field(text)
            return one.bytes
        }
        let periodField = encoded(period.description)
        let reps = index.repIDs.map(encoded)
        let plans = index.book.plans.map { encoded($0.id) }
        let components = index.book.plans.map { $0.components.map { encoded($0.id) } }
        let kinds = [CreditTotals.CreditRow.Kind.credit, .chargeback, .rollup].map { encoded($0.label) }
        let firstDay = period.firstDay.dayNumber
        let dates = (0..<period.dayCount).map { encoded(CalendarDate(dayNumber: firstDay + $0).description) }
        let currencyCodes = index.currencies.map { Array($0.code.utf8) }
        var rates: [Int: ExactDecimal] = [:]
        compact.idBytes.withUnsafeBufferPointer { ids in
            for position in RunMonthCredits.sortedPositions(compact, index) {
                let row = compact.rows[position]
                let share = compact.shares[Int(row.share)]
                let plan = Int(row.plan)
                let dealCurrency = index.currencies[Int(share.currency)]
                writer.field(raw: periodField)
                writer.field(raw: reps[Int(row.rep)])
                writer.field(raw: plans[plan])
                writer.field(raw: row.component < 0 ? [] : components[plan][Int(row.component)])
                // Deal ids of this pass are unquoted CSV fields: no comma, quote or line break to escape.
                writer.field(raw: UnsafeBufferPointer(rebasing: ids[Int(share.idStart)..<Int(share.idStart + share.idLength)]))
                writer.field(raw: dates[Int(row.day) - firstDay])
                writer.field(raw: kinds[row.kind.rawValue])
                writer.field(share.amount, decimals: dealCurrency.minorUnits)
                writer.field(raw: currencyCodes[Int(share.currency)])
                if rates[share.rateKey] == nil { rates[share.rateKey] = index.rate(key: share.rateKey) }
                writer.field(rates[share.rateKey]!, decimals: 6)
                writer.field(share.percent, decimals: 2)
                writer.field(ExactDecimal(mantissa: Int128(row.credit), scale: index.planCurrency[plan].minorUnits),
                             decimals: index.planCurrency[plan].minorUnits)
                writer.endRow()
            }
        }
        return writer.bytes
    }
}
