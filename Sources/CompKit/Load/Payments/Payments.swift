/// payments.csv (§2.3): cash collected on deals, in the deal's currency; a negative amount is a
/// refund. Only `creditOn="payment"` components are credited from it (§3.1b).
///
/// Each row is checked here on its own; what needs the deals (the deal exists, the payment is not
/// before its close date, a deal's payments add up to between 0 and its amount) is checked by the
/// credit pass, which meets the deals.
public struct Payments: Sendable {
    public struct Payment: Sendable {
        public var dealID: String
        public var paidDate: CalendarDate
        public var amount: ExactDecimal
        /// The row's line in `source`.
        public var line: Int

        public init(dealID: String, paidDate: CalendarDate, amount: ExactDecimal, line: Int) {
            self.dealID = dealID
            self.paidDate = paidDate
            self.amount = amount
            self.line = line
        }
    }

    /// The file the payments came from (or the option that gave them, for what-if payments).
    public var source: String
    /// The column numbers (1-based) of the checks made against the deals.
    var columns: (dealID: Int, paidDate: Int, amount: Int)
    public var rows: [Payment]

    public init(source: String, rows: [Payment]) {
        self.source = source
        self.rows = rows
        columns = (1, 2, 3)
    }

    static let requiredColumns = ["deal_id", "paid_date", "amount"]

    /// Reads payments.csv; logs every row's problems (an empty id, a date that is not `YYYY-MM-DD`,
    /// an amount that is 0, not a decimal or with more than 6 decimals).
    static func read(path: String, log: DiagnosticLog) throws -> Payments {
        var payments = Payments(source: path, rows: [])
        guard let csv = CSVTable(path: path, required: requiredColumns, log: log) else { return payments }
        let idColumn = csv.column("deal_id")!, dateColumn = csv.column("paid_date")!, amountColumn = csv.column("amount")!
        payments.columns = (idColumn + 1, dateColumn + 1, amountColumn + 1)
        try csv.forEachRow(log: log) {
            func problem(_ column: Int, _ message: String) {
                log.error(file: path, line: csv.line, column: column + 1, message)
            }
            let id = csv.field(idColumn).string
            if id.isEmpty { problem(idColumn, "deal_id is empty") }
            let dateText = csv.field(dateColumn).string
            let date = CalendarDate(parsing: dateText)
            if date == nil { problem(dateColumn, "paid_date '\(dateText)' is not a date YYYY-MM-DD") }
            let amountText = csv.field(amountColumn).string
            let negative = amountText.hasPrefix("-")
            var amount: ExactDecimal?
            switch ExactDecimal.parse(String(amountText.dropFirst(negative ? 1 : 0)), maxDecimals: 6,
                                      maxIntegerDigits: DealRules.maxAmountIntegerDigits) {
            case .success(let value) where value.isZero:
                problem(amountColumn, "amount must not be 0 (a refund is negative)")
            case .success(let value):
                amount = negative ? -value : value
            case .failure(let failure):
                problem(amountColumn, "amount '\(amountText)' \(failure.explanation)")
            }
            guard !id.isEmpty, let date, let amount else { return }
            payments.rows.append(Payment(dealID: id, paidDate: date, amount: amount, line: csv.line))
        }
        return payments
    }
}
