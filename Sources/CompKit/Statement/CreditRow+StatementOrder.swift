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
