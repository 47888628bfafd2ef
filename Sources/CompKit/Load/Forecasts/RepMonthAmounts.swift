/// An amount per rep and month, in the rep's plan currency: the committed forecasts of
/// forecasts.csv (`rep_id, month, commit`) and the expectations of expected.csv
/// (`rep_id, month, expected`), §2.3.
public struct RepMonthAmounts: Sendable {
    public private(set) var amounts: [RepMonth: ExactDecimal] = [:]

    public init(_ amounts: [RepMonth: ExactDecimal] = [:]) {
        self.amounts = amounts
    }

    public func amount(rep: String, month: YearMonth) -> ExactDecimal? {
        amounts[RepMonth(rep: rep, month: month)]
    }

    /// The reps with a row for the month.
    public func reps(in month: YearMonth) -> Set<String> {
        Set(amounts.keys.lazy.filter { $0.month == month }.map(\.rep))
    }

    /// Reads a file whose amount column is `valueColumn`; logs every problem: an unknown rep, a bad
    /// month or amount, a (rep, month) given twice (§7). Returns the rows read.
    static func read(path: String, valueColumn: String, participantIDs: Set<String>?, log: DiagnosticLog)
        throws -> (amounts: RepMonthAmounts, rows: Int)
    {
        var result = RepMonthAmounts()
        guard let csv = CSVTable(path: path, required: ["rep_id", "month", valueColumn], log: log) else { return (result, 0) }
        let rules = ForecastRowRules(table: csv, log: log, participantIDs: participantIDs)
        let repColumn = csv.column("rep_id")!, monthColumn = csv.column("month")!, valueIndex = csv.column(valueColumn)!
        var firstLine: [RepMonth: Int] = [:]
        try csv.forEachRow(log: log) {
            let rep = rules.repID(repColumn)
            let month = rules.month(monthColumn)
            let value = rules.amount(valueIndex, name: valueColumn)
            guard let rep, let month, let value else { return }
            let key = RepMonth(rep: rep, month: month)
            if let first = firstLine[key] {
                log.error(.wholeLine(path, csv.line), "rep \(rep) has a second \(valueColumn) row for \(month) (first on line \(first))")
                return
            }
            firstLine[key] = csv.line
            result.amounts[key] = value
        }
        return (result, csv.rowCount)
    }
}
