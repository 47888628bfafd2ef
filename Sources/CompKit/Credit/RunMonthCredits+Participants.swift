/// The run month's credits one participant at a time, for statements: a person's own credits and
/// chargebacks row by row, the roll-up copies they receive summed per team member (the deal-level
/// copies are in credits.csv), so that a manager's statement does not grow with the organisation.
extension RunMonthCredits {
    /// One participant's credits of the month.
    public struct ParticipantCredits: Sendable {
        /// Own credits and chargebacks, in credits.csv's order.
        public var rows: [CreditTotals.CreditRow] = []
        /// Roll-up copies received, per entry, component and team member, by plan, component and member.
        public var rollUps: [CreditTotals.RollUpSum] = []
    }

    /// The credits of the participant `id` (none for someone without any); reads only the
    /// partitions that hold that person's rows. Throws `CompError.io` when they cannot be read back.
    public func participantCredits(_ id: String) throws -> ParticipantCredits {
        guard let rank = byteRank(of: id) else { return ParticipantCredits() }
        var found = ParticipantCredits()
        try forEachParticipant(ranks: rank..<rank + 1) { _, credits in found = credits }
        return found
    }

    /// Calls `body` with every participant whose id's byte-order rank is in `ranks` and who has
    /// credits in the month, in that order, reading one partition at a time (only those holding
    /// such rows). `order` is `sortedPositions()` when already made. Throws what `body` throws, or
    /// `CompError.io` when the rows cannot be read back.
    public func forEachParticipant(ranks: Range<Int>? = nil, order: [UInt32]? = nil,
                                   _ body: (String, ParticipantCredits) throws -> Void) throws {
        guard let index, !index.repIDs.isEmpty else { return }
        let ranks = ranks ?? 0..<index.repIDs.count
        guard !ranks.isEmpty else { return }
        let partitions = credits.partitions ?? CreditPartitions(index: index)
        let first = partitions.partitions(of: index.repOfByteRank[ranks.lowerBound]).lowerBound
        let last = partitions.partitions(of: index.repOfByteRank[ranks.upperBound - 1]).upperBound
        var current: Int32 = -1
        var gathered = Gathering(index: index)
        var orderStart = order == nil ? 0 : credits.rowCounts[..<first].reduce(0, +)
        for number in first..<last where credits.rowCounts[number] > 0 {
            let partition = try credits.partition(number)
            let rowCount = credits.rowCounts[number]
            defer { orderStart += rowCount }
            let positions = order.map { $0[orderStart..<orderStart + rowCount] } ?? RunMonthCredits.sortedPositions(partition, index)[...]
            for (offset, position) in zip(positions.indices, positions) {
                // A row and then its share are asked for ahead of their turn (their addresses jump about).
                if offset + 16 < positions.endIndex { partition.prefetchRow(at: Int(positions[offset + 16])) }
                if offset + 8 < positions.endIndex { partition.prefetchShare(ofRowAt: Int(positions[offset + 8])) }
                let rep = partition.rows[Int(position)].rep
                guard ranks.contains(Int(index.repByteRanks[Int(rep)])) else { continue }
                if rep != current {
                    if current >= 0 { try body(index.repIDs[Int(current)], gathered.finish()) }
                    (current, gathered) = (rep, Gathering(index: index))
                }
                gathered.add(Int(position), of: partition)
            }
        }
        if current >= 0 { try body(index.repIDs[Int(current)], gathered.finish()) }
    }

    /// The byte-order rank of a participant's id, nil for someone without an entry in any plan.
    func byteRank(of id: String) -> Int? {
        guard let index, let rep = repNumber(of: id) else { return nil }
        return Int(index.repByteRanks[Int(rep)])
    }

    /// A participant's rep number in the credit pass's index, nil for someone it does not know.
    private func repNumber(of id: String) -> Int32? {
        guard let index else { return nil }
        let rep = id.withUTF8Bytes { index.reps.lookup($0) }
        return rep >= 0 ? rep : nil
    }

    /// One participant's rows as they are read: own rows kept, roll-up copies added up.
    private struct Gathering {
        let index: CreditIndex
        var credits = ParticipantCredits()
        /// Roll-up copies added up by the manager's entry, component and team member's rep number.
        var sums: [SumKey: Sum] = [:]
        /// A manager chain, its memory kept from one roll-up to the next.
        private var chain = ManagerChain()

        struct SumKey: Hashable {
            var entry: Int
            var component: Int16
            var member: Int32
        }

        struct Sum {
            var copies = 0
            var minor: Int64 = 0

            /// Adds one copy's credit (one look-up of the sum, changed where it is).
            mutating func add(_ credit: Int64) {
                copies += 1
                minor += credit
            }
        }

        init(index: CreditIndex) { self.index = index }

        mutating func add(_ position: Int, of partition: CompactCredits.Partition) {
            let row = partition.rows[position]
            guard row.kind == .rollup else {
                credits.rows.append(RunMonthCredits.row(at: position, partition, index))
                return
            }
            let member = teamMember(credited: partition.shares[Int(row.share)].creditedRep, manager: row.rep, day: row.day)
            let key = SumKey(entry: index.entry(rep: row.rep, day: row.day), component: row.component, member: member)
            sums[key, default: Sum()].add(row.credit)
        }

        /// The manager's direct report through whom a credit of `credited` reached `manager` on `day`.
        private mutating func teamMember(credited: Int32, manager: Int32, day: Int32) -> Int32 {
            let entry = index.entry(rep: credited, day: day)
            guard entry >= 0 else { return credited }
            index.managerChain(entry: entry, day: day, into: &chain)
            guard let level = chain.levels.first(where: { index.entries[chain[$0]].rep == manager }), level > 0 else { return credited }
            return index.entries[chain[level - 1]].rep
        }

        func finish() -> ParticipantCredits {
            var credits = self.credits
            let plans = index.book.plans
            credits.rollUps = sums.map { key, sum in
                let entry = index.entryRef[key.entry]
                let plan = plans[entry.plan]
                return CreditTotals.RollUpSum(entry: entry, planID: plan.id, component: plan.components[Int(key.component)].id,
                                              memberID: index.repIDs[Int(key.member)], copies: sum.copies,
                                              credit: ExactDecimal(mantissa: Int128(sum.minor), scale: plan.currency.minorUnits))
            }.sorted { a, b in
                let plan = byteCompare(a.planID, b.planID), component = byteCompare(a.component, b.component)
                return plan != 0 ? plan < 0 : component != 0 ? component < 0 : byteOrder(a.memberID, b.memberID)
            }
            return credits
        }
    }
}
