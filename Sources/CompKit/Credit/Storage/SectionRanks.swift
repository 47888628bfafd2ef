/// Ranks of (plan, component) pairs in credits.csv's order: plan id, then component id with
/// "no component" (empty) first.
struct SectionRanks {
    /// Where each plan's ranks start in `ranks`; slot 0 of a plan is "no component".
    private let firstSlot: [Int]
    private let ranks: [UInt32]

    init(_ index: CreditIndex) {
        let planRank = index.planByteRanks, componentRank = index.componentByteRanks
        var firstSlot: [Int] = []
        var sections: [(plan: Int32, component: Int32, slot: Int)] = []
        for plan in componentRank.indices {
            firstSlot.append(sections.count)
            sections.append((planRank[plan], -1, sections.count))
            for rank in componentRank[plan] { sections.append((planRank[plan], rank, sections.count)) }
        }
        var ranks = [UInt32](repeating: 0, count: sections.count)
        let ordered = sections.sorted { $0.plan != $1.plan ? $0.plan < $1.plan : $0.component < $1.component }
        for (rank, section) in ordered.enumerated() { ranks[section.slot] = UInt32(rank) }
        self.firstSlot = firstSlot
        self.ranks = ranks
    }

    func of(_ row: CompactCredits.Row) -> UInt32 { of(plan: row.plan, component: row.component) }

    /// The rank of a plan's component (-1: no component).
    func of(plan: Int16, component: Int16) -> UInt32 { ranks[firstSlot[Int(plan)] + Int(component) + 1] }
}
