/// payments.csv (§2.3): cash collected on deals, in the deal's currency; a negative amount is a
/// refund. Only `creditOn="payment"` components are credited from it (§3.1b).
///
/// Each row is checked here on its own; what needs the deals (the deal exists, the payment is not
/// before its close date, a deal's payments add up to between 0 and its amount) is checked by the
/// credit pass, which meets the deals. Rows are kept in 24 bytes each (a file can hold millions):
/// the deal by its number in `deals`, the amount as a 64-bit mantissa where it fits.
public struct Payments: Sendable {
    /// One payment as given in code (what-if payments, tests).
    public struct Payment: Sendable {
        public var dealID: String
        public var paidDate: CalendarDate
        public var amount: ExactDecimal
        /// The row's line in the source (for a payment given on the command line, its position among them).
        public var line: Int

        public init(dealID: String, paidDate: CalendarDate, amount: ExactDecimal, line: Int) {
            self.dealID = dealID
            self.paidDate = paidDate
            self.amount = amount
            self.line = line
        }
    }

    /// One row as kept; `Payments.amount(of:)` reads its amount.
    struct Row: Sendable {
        /// The deal's number in `deals`.
        var deal: Int32
        var paidDay: Int32
        var amount: CompactAmount
        var line: Int32
    }

    /// The file the payments came from (or the option that gave them, for what-if payments).
    public let source: String
    /// The column numbers (1-based) of the checks made against the deals.
    private(set) var columns = (dealID: 1, paidDate: 2, amount: 3)
    /// The deal ids named, numbered in the order they first appear.
    private(set) var deals = ByteKeyTable()
    private(set) var rows: [Row] = []
    private var wideAmounts: [ExactDecimal] = []

    /// Payments given in code, as if they were rows of `source`.
    public init(source: String, payments: [Payment]) {
        self.source = source
        for payment in payments {
            payment.dealID.withUTF8Bytes { append($0, payment.paidDate, payment.amount, line: payment.line) }
        }
    }

    private init(source: String) { self.source = source }

    /// How many payments there are.
    public var count: Int { rows.count }

    func amount(of row: Row) -> ExactDecimal {
        row.amount.value(wide: wideAmounts)
    }

    private mutating func append(_ dealID: UnsafeBufferPointer<UInt8>, _ paidDate: CalendarDate, _ amount: ExactDecimal, line: Int) {
        rows.append(Row(deal: deals.insert(dealID), paidDay: Int32(paidDate.dayNumber), amount: CompactAmount(amount, wide: &wideAmounts),
                        line: Int32(line)))
    }

    /// The deal ids of every file, numbered in file order (a file's own numbering when there is one).
    static func dealNumbers(of files: [Payments]) -> ByteKeyTable {
        guard files.count > 1 else { return files.first?.deals ?? ByteKeyTable() }
        var table = ByteKeyTable(capacityFor: files.reduce(0) { $0 + $1.deals.count })
        for file in files {
            for number in 0..<Int32(file.deals.count) { file.deals.withKey(number) { _ = table.insert($0) } }
        }
        return table
    }

    static let requiredColumns = ["deal_id", "paid_date", "amount"]

    /// Reads payments.csv; logs every row's problems (an empty id, a date that is not `YYYY-MM-DD`,
    /// an amount that is 0, not a decimal or with more than 6 decimals).
    static func read(path: String, log: DiagnosticLog) throws -> Payments {
        var payments = Payments(source: path)
        guard let csv = CSVTable(path: path, required: requiredColumns, log: log) else { return payments }
        let idColumn = csv.column("deal_id")!, dateColumn = csv.column("paid_date")!, amountColumn = csv.column("amount")!
        payments.columns = (idColumn + 1, dateColumn + 1, amountColumn + 1)
        var batch = Batch()
        try csv.forEachRow(log: log) {
            func problem(_ column: Int, _ message: String) {
                log.error(file: path, line: csv.line, column: column + 1, message)
            }
            let id = csv.field(idColumn)
            if id.isEmpty { problem(idColumn, "deal_id is empty") }
            // Dates and amounts are read as a deal's are (`DealRules`), a refund's amount after its minus.
            let date = DealRules.date(csv.field(dateColumn)).map { CalendarDate(dayNumber: Int($0.day)) }
            if date == nil { problem(dateColumn, "paid_date '\(csv.field(dateColumn).string)' is not a date YYYY-MM-DD") }
            let amountField = csv.field(amountColumn)
            let negative = amountField.first == UInt8(ascii: "-")
            let magnitude = UnsafeBufferPointer(rebasing: amountField.dropFirst(negative ? 1 : 0))
            var amount: ExactDecimal?
            if let value = DealRules.amount(magnitude), !value.isZero {
                amount = negative ? -value : value
            } else {
                switch ExactDecimal.parse(magnitude, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits) {
                case .success: problem(amountColumn, "amount must not be 0 (a refund is negative)")
                case .failure(let failure): problem(amountColumn, "amount '\(amountField.string)' \(failure.explanation)")
                }
            }
            guard !id.isEmpty, let date, let amount else { return }
            batch.add(id, date, amount, line: csv.line)
            if batch.isFull { payments.append(&batch) }
        }
        payments.append(&batch)
        return payments
    }

    /// Appends the batch's rows in order and empties it. Their deal ids' table slots are loaded
    /// first, all at once (`ByteKeyTable.prefetch`): payments name a million deals or more, in no
    /// order the table knows, and a slot that each row waited for in turn cost more than reading it.
    private mutating func append(_ batch: inout Batch) {
        batch.ids.withUnsafeBufferPointer { ids in
            func id(_ row: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: ids[(row == 0 ? 0 : batch.idEnds[row - 1])..<batch.idEnds[row]])
            }
            for row in batch.rows.indices { deals.prefetch(id(row)) }
            for (row, payment) in batch.rows.enumerated() { append(id(row), payment.date, payment.amount, line: payment.line) }
        }
        batch.removeAll()
    }

    /// Rows read but not yet appended, their deal ids copied one after another.
    private struct Batch {
        static let capacity = 16
        var ids: [UInt8] = []
        var idEnds: [Int] = []
        var rows: [(date: CalendarDate, amount: ExactDecimal, line: Int)] = []

        var isFull: Bool { rows.count == Batch.capacity }

        mutating func add(_ id: UnsafeBufferPointer<UInt8>, _ date: CalendarDate, _ amount: ExactDecimal, line: Int) {
            ids.append(contentsOf: id)
            idEnds.append(ids.count)
            rows.append((date, amount, line))
        }

        mutating func removeAll() {
            ids.removeAll(keepingCapacity: true)
            idEnds.removeAll(keepingCapacity: true)
            rows.removeAll(keepingCapacity: true)
        }
    }
}
