/// What payments.csv must agree with in the deals (§2.3, §7), checked once the credit pass has met
/// the deals: each payment names a deal of the deals files, is not paid before it closed, and a
/// deal's payments add up (over every payments file) to between 0 and its amount — reported on
/// the deal's last payments row.
struct PaymentChecks {
    let index: CreditIndex
    /// The deal ids the payments name, numbered as `deals` numbers them.
    let dealIDs: ByteKeyTable
    let deals: PaidDeals
    /// False when some deal was refused: a payment naming a deal not met is then not blamed.
    let dealsAreComplete: Bool
    /// Per paid deal, Σ payments so far in millionths (a payment has at most 6 decimals; 16 bytes
    /// a deal, not an `ExactDecimal`'s 32: there are millions), and the file (its position in the
    /// run's list, -1 for none) and line of its last payment.
    private var totalMillionths: [Int128]
    private var lastFile: [Int16]
    private var lastLine: [Int32]

    init(index: CreditIndex, dealIDs: ByteKeyTable, deals: PaidDeals, dealsAreComplete: Bool) {
        self.index = index
        self.dealIDs = dealIDs
        self.deals = deals
        self.dealsAreComplete = dealsAreComplete
        totalMillionths = Array(repeating: 0, count: dealIDs.count)
        lastFile = Array(repeating: -1, count: dealIDs.count)
        lastLine = Array(repeating: 0, count: dealIDs.count)
    }

    /// Whether a payment row can be credited: its deal was met and it is not paid before the close.
    static func isCreditable(_ row: Payments.Row, of deal: PaidDeal) -> Bool {
        deal.isMet && row.paidDay >= deal.closeDay
    }

    /// Checks payments file `file` of the run (`numbers`: its deal numbers in the index); the
    /// totals carry on to the next file.
    mutating func check(_ payments: Payments, file: Int, numbers: [Int32], log: DiagnosticLog) {
        let columns = payments.columns
        for row in payments.rows {
            let number = Int(numbers[Int(row.deal)])
            let deal = deals[number]
            guard deal.isMet else {
                if dealsAreComplete {
                    log.error(file: payments.source, line: Int(row.line), column: columns.dealID,
                              "deal_id '\(dealIDs.key(Int32(number)))' is not a deal of the deals files")
                }
                continue
            }
            guard PaymentChecks.isCreditable(row, of: deal) else {
                log.error(file: payments.source, line: Int(row.line), column: columns.paidDate,
                          "paid on \(CalendarDate(dayNumber: Int(row.paidDay))), before deal \(dealIDs.key(Int32(number))) closed on "
                              + "\(CalendarDate(dayNumber: Int(deal.closeDay)))")
                continue
            }
            totalMillionths[number] += payments.amount(of: row).widened(to: 6).mantissa
            (lastFile[number], lastLine[number]) = (Int16(file), row.line)
        }
    }

    /// Logs every deal whose payments (in every file of `files`, the run's list) add up to less
    /// than 0 or more than its amount, at its last payments row.
    func reportTotals(of files: [Payments], log: DiagnosticLog) {
        for number in totalMillionths.indices where lastFile[number] >= 0 {
            let deal = deals[number], paid = ExactDecimal(mantissa: totalMillionths[number], scale: 6)
            guard paid < .zero || paid > deals.amount(of: deal) else { continue }
            let currency = index.currencies[Int(deal.currency)]
            let id = dealIDs.key(Int32(number)), file = files[Int(lastFile[number])]
            let sum = "\(paid.exactText(minDecimals: currency.minorUnits)) \(currency.code)"
            log.error(file: file.source, line: Int(lastLine[number]), column: file.columns.amount,
                      paid < .zero ? "the payments of deal \(id) add up to \(sum), below 0 (more refunded than paid)"
                          : "the payments of deal \(id) add up to \(sum), more than its amount \(deals.amount(of: deal).exactText(minDecimals: currency.minorUnits))")
        }
    }
}
