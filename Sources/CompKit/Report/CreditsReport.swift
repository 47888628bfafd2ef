/// credits.csv (SPEC 5 and 7): every credit, chargeback and roll-up copy dated in the run month,
/// once per matching component.
public enum CreditsReport {
    public static func csv(_ credits: [CreditTotals.CreditRow], period: YearMonth) -> [UInt8] {
        // Rows equal in every key (roll-up copies of two split shares of one deal) keep the order
        // in which the deal listed its reps.
        let sorted = credits.enumerated().sorted { pairA, pairB in
            let (a, b) = (pairA.element, pairB.element)
            if a.repID != b.repID { return byteOrder(a.repID, b.repID) }
            if a.planID != b.planID { return byteOrder(a.planID, b.planID) }
            if a.component != b.component { return byteOrder(a.component, b.component) }
            if a.creditDate != b.creditDate { return a.creditDate < b.creditDate }
            if a.dealID != b.dealID { return byteOrder(a.dealID, b.dealID) }
            if a.kind != b.kind { return a.kind < b.kind }
            return pairA.offset < pairB.offset
        }.map(\.element)
        var writer = CSVWriter(header: ["period", "rep_id", "plan_id", "component", "deal_id", "credit_date", "kind",
                                        "deal_amount", "deal_currency", "fx_rate", "percent", "credit"])
        for row in sorted {
            writer.row([period.description, row.repID, row.planID, row.component, row.dealID, row.creditDate.description,
                        row.kind.label, row.dealCurrency.format(row.dealAmount), row.dealCurrency.code,
                        row.fxRate.formatted(decimals: 6), row.percent.formatted(decimals: 2), row.planCurrency.format(row.credit)])
        }
        return writer.bytes
    }
}
