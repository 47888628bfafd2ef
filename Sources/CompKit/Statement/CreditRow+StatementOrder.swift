/// The statement order, asked of rows where they lie: a credit row passed by value is a copy, its
/// six strings retained and released, and statements compare rows by the hundred thousand.
extension [CreditTotals.CreditRow] {
    /// The order in which statements list and add up credits, of the rows at positions `a` and
    /// `b`: credit date, then deal id (bytes), then kind (credit, chargeback, roll-up); nil when the
    /// two agree on all three.
    func statementOrder(_ a: Int, _ b: Int) -> Bool? {
        if self[a].creditDate != self[b].creditDate { return self[a].creditDate < self[b].creditDate }
        if self[a].dealID != self[b].dealID { return byteOrder(self[a].dealID, self[b].dealID) }
        if self[a].kind != self[b].kind { return self[a].kind < self[b].kind }
        return nil
    }

    /// The rows in the statement order, rows equal in it then by component id (bytes) when
    /// `thenByComponent`, and otherwise as given. Rows already in that order (credits.csv's, for a
    /// plan of one component) come back as they are, checked in one pass; others are sorted by
    /// position, not moved about (a row is a large value), and copied once.
    func inStatementOrder(thenByComponent: Bool = false) -> [Element] {
        func precedes(_ a: Int, _ b: Int) -> Bool {
            if let order = statementOrder(a, b) { return order }
            if thenByComponent && self[a].component != self[b].component { return byteOrder(self[a].component, self[b].component) }
            return a < b
        }
        guard !indices.dropFirst().allSatisfy({ precedes($0 - 1, $0) }) else { return self }
        return indices.sorted(by: precedes).map { self[$0] }
    }

    /// The rows at the positions `keeps` holds for: the list itself when it holds for all (the
    /// usual case), the rows copied once otherwise.
    func keeping(_ keeps: (Int) -> Bool) -> [Element] {
        guard !indices.allSatisfy(keeps) else { return self }
        return indices.filter(keeps).map { self[$0] }
    }
}
