/// Reads deals.csv row by row (§2.2), handing each valid deal to the caller: no deal is kept.
enum DealCSVReader {
    static let requiredColumns = ["deal_id", "close_date", "amount", "currency", "type", "reps"]

    /// Streams the file's deals to `body`; logs every problem. Returns the number of data rows read.
    /// Throws `CompError.io` when the file cannot be read to its end.
    static func read(path: String, rules: DealRules, ids: DealIDRegistry, log: DiagnosticLog,
                     _ body: (Deal) -> Void) throws -> Int {
        guard let table = CSVTable(path: path, required: requiredColumns, log: log) else { return 0 }
        func column(_ name: String) -> Int { table.column(name)! }
        let id = column("deal_id"), close = column("close_date"), amount = column("amount")
        let currency = column("currency"), type = column("type"), reps = column("reps")
        let product = table.column("product"), status = table.column("status")
        let cancel = table.column("cancel_date"), created = table.column("created_date")
        func field(_ index: Int) -> RawField { RawField(bytes: table.field(index), column: index + 1) }

        try table.forEachRow(log: log) {
            let raw = RawDeal(
                line: table.line, id: field(id), closeDate: field(close), amount: field(amount),
                currency: field(currency), type: field(type), product: product.map(field), status: status.map(field),
                cancelDate: cancel.map(field), createdDate: created.map(field))
            ids.register(raw.id.bytes, at: SourceLocation(file: path, line: table.line, column: id + 1))
            let splits = rules.splits(fromReps: field(reps), line: table.line)
            if let deal = rules.deal(raw, splits: splits) { body(deal) }
        }
        return table.rowCount
    }

    /// Calls `body` with every deal id and its position; for confirming suspected duplicates.
    static func forEachID(path: String, _ body: (UnsafeBufferPointer<UInt8>, SourceLocation) -> Void) throws {
        let log = DiagnosticLog()
        guard let table = CSVTable(path: path, required: requiredColumns, log: log),
              let id = table.column("deal_id") else { return }
        try table.forEachRow(log: log) {
            body(table.field(id), SourceLocation(file: path, line: table.line, column: id + 1))
        }
    }
}
