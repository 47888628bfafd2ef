extension CreditTotals.CreditRow {
    /// The order in which statements list and add up credits: credit date, then deal id (bytes),
    /// then kind (credit, chargeback, roll-up); nil when two rows agree on all three.
    static func statementOrder(_ a: Self, _ b: Self) -> Bool? {
        if a.creditDate != b.creditDate { return a.creditDate < b.creditDate }
        if a.dealID != b.dealID { return byteOrder(a.dealID, b.dealID) }
        if a.kind != b.kind { return a.kind < b.kind }
        return nil
    }
}

extension [CreditTotals.CreditRow] {
    /// The rows in the statement order, rows equal in it ordered by `tie` and then as given (nil:
    /// as given). Rows already in that order (credits.csv's, for a plan of one component) come back
    /// as they are, checked in one pass; others are sorted by position, not moved about (a row is a
    /// large value), and copied once.
    func inStatementOrder(tie: (Element, Element) -> Bool? = { _, _ in nil }) -> [Element] {
        func precedes(_ a: Int, _ b: Int) -> Bool {
            Element.statementOrder(self[a], self[b]) ?? tie(self[a], self[b]) ?? (a < b)
        }
        guard !indices.dropFirst().allSatisfy({ precedes($0 - 1, $0) }) else { return self }
        return indices.sorted(by: precedes).map { self[$0] }
    }
}
