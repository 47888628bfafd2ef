/// What a participant would be paid this month if some more deals closed (`comp estimate`): the
/// actual statement and the what-if statement (the same run with the deals added) side by side,
/// component by component with the tiers the deals cross, and pay row by pay row.
public struct Estimate: Sendable {
    /// One what-if deal and the credit rows it made.
    public struct Added: Sendable {
        public var deal: Deal
        public var rows: [CreditTotals.CreditRow]
    }

    /// One component, actually and with the deals.
    public struct ComponentChange: Sendable {
        public var planID: String
        public var currency: Currency
        public var actual: Statement.ComponentPart
        public var whatIf: Statement.ComponentPart
        /// The tiers the what-if credit reaches that the actual credit does not, lowest first.
        public var crossed: [TierBreakdown.Band]
    }

    /// One payroll row, actually and with the deals: its amount, what payroll pays (prior adjustment included).
    public struct PayChange: Sendable {
        public var key: PayKey
        public var actual: ExactDecimal
        public var whatIf: ExactDecimal

        public var change: ExactDecimal { whatIf - actual }
    }

    public var participantID: String
    public var name: String
    public var period: YearMonth
    public var added: [Added]
    public var components: [ComponentChange]
    public var pay: [PayChange]
    public var usesLedger: Bool
    /// Per currency, in currency order: total paid actually and with the deals.
    public var totals: [(currency: Currency, actual: ExactDecimal, whatIf: ExactDecimal)]

    /// `actual` and `whatIf` are the participant's statements from the run without and with `deals`.
    public init(actual: Statement, whatIf: Statement, deals: [Deal]) {
        participantID = actual.participantID
        name = whatIf.name
        period = actual.period
        usesLedger = actual.usesLedger
        let whatIfRows = whatIf.entries.flatMap(\.credits)
        added = deals.map { deal in Added(deal: deal, rows: whatIfRows.filter { $0.dealID == deal.id && $0.kind == .credit }) }
        var components: [ComponentChange] = []
        for part in whatIf.entries {
            guard let before = actual.entries.first(where: { $0.entry == part.entry }) else { continue }
            for (old, new) in zip(before.components, part.components) {
                let from = old.breakdown.reachedTier ?? 0
                let to = new.breakdown.reachedTier ?? 0
                components.append(ComponentChange(planID: part.planID, currency: part.currency, actual: old, whatIf: new,
                                                  crossed: to > from ? Array(new.breakdown.bands[from..<to]) : []))
            }
        }
        self.components = components
        pay = Estimate.sideBySide(actual.pay.map { ($0.key, $0.amount) }, whatIf.pay.map { ($0.key, $0.amount) })
            .map { PayChange(key: $0.key, actual: $0.actual, whatIf: $0.whatIf) }
        totals = Estimate.sideBySide(actual.totals.map { ($0.currency, $0.amount) }, whatIf.totals.map { ($0.currency, $0.amount) })
            .map { ($0.key, $0.actual, $0.whatIf) }
    }

    /// Two lists of amounts by key, joined on the key (0 where one lacks it), in key order.
    private static func sideBySide<Key: Comparable & Hashable>(
        _ actual: [(Key, ExactDecimal)], _ whatIf: [(Key, ExactDecimal)]
    ) -> [(key: Key, actual: ExactDecimal, whatIf: ExactDecimal)] {
        let (before, after) = (Dictionary(actual, uniquingKeysWith: +), Dictionary(whatIf, uniquingKeysWith: +))
        return Set(before.keys).union(after.keys).sorted().map { ($0, before[$0] ?? .zero, after[$0] ?? .zero) }
    }
}
