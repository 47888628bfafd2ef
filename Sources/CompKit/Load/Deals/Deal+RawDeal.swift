extension Deal {
    /// Calls `body` with the deal written out as the fields of a deals file would hold it (its
    /// source's line, every field in column 0: a problem concerns the whole deal), so that deals
    /// made in code — what-if deals — are checked and credited by the same rules as the files' deals.
    func withRawDeal<T>(_ body: (RawDeal, [(rep: RawField, percent: RawField?)]) -> T) -> T {
        var bytes: [UInt8] = []
        func span(_ text: String) -> Range<Int> {
            let start = bytes.count
            bytes += Array(text.utf8)
            return start..<bytes.count
        }
        let id = span(self.id), close = span(closeDate.description), amount = span(self.amount.description)
        let currency = span(self.currency.code), type = span(self.type), product = span(self.product)
        let status = span(self.status.rawValue), cancel = span(cancelDate?.description ?? ""), created = span(createdDate?.description ?? "")
        let shares = splits.map { (span($0.repID), span($0.percent.description)) }
        return bytes.withUnsafeBufferPointer { all in
            func field(_ span: Range<Int>) -> RawField { RawField(bytes: UnsafeBufferPointer(rebasing: all[span]), column: 0) }
            let raw = RawDeal(line: source.line ?? 0, id: field(id), closeDate: field(close), amount: field(amount), currency: field(currency),
                              type: field(type), product: field(product), status: field(status), cancelDate: field(cancel),
                              createdDate: field(created))
            return body(raw, shares.map { (field($0.0), field($0.1)) })
        }
    }
}
