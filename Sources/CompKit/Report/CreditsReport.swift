/// credits.csv (SPEC 5 and 7): every credit, chargeback and roll-up copy dated in the run month,
/// once per matching component.
public enum CreditsReport {
    public static func csv(_ credits: RunMonthCredits, period: YearMonth) -> [UInt8] {
        var writer = CSVWriter(header: ["period", "rep_id", "plan_id", "component", "deal_id", "credit_date", "kind",
                                        "deal_amount", "deal_currency", "fx_rate", "percent", "credit"])
        let periodText = period.description
        credits.forEachSorted { row in
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
}
