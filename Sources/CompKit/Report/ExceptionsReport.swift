/// exceptions.csv (§5): credits that could not be paid, chargebacks outside the window and
/// anything else skipped, sorted by source, line, id and reason.
public enum ExceptionsReport {
    public static func csv(_ exceptions: [CreditTotals.ExceptionRow]) -> [UInt8] {
        let sorted = Set(exceptions).sorted { a, b in
            if a.source != b.source { return byteOrder(a.source, b.source) }
            if a.line != b.line { return a.line < b.line }
            if a.id != b.id { return byteOrder(a.id, b.id) }
            return byteOrder(a.reason, b.reason)
        }
        var writer = CSVWriter(header: ["source", "line", "id", "reason"])
        for row in sorted { writer.row([row.source, String(row.line), row.id, row.reason]) }
        return writer.bytes
    }
}
