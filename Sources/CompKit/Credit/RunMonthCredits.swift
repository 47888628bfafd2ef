import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The run month's rows of credits.csv as the credit pass keeps them (`CompactCredits`).
public struct RunMonthCredits: Sendable {
    let credits: CompactCredits
    /// Nil only for a run without a credit pass (tests of later stages).
    let index: CreditIndex?

    public var count: Int { credits.count }

    /// Every row with its strings, in the order the pass produced them (tests and small runs);
    /// throws `CompError.io` when the rows cannot be read back from their files.
    public func rows() throws -> [CreditTotals.CreditRow] {
        guard let index else { return [] }
        var rows: [CreditTotals.CreditRow] = []
        for worker in credits.workers.indices {
            var numbered: [(sequence: UInt32, row: CreditTotals.CreditRow)] = []
            for number in 0..<CompactCredits.partitionCount {
                let partition = try credits.partition(number, worker: worker)
                numbered += partition.rows.indices.map { (partition.rows[$0].sequence, RunMonthCredits.row(at: $0, partition, index)) }
            }
            rows += numbered.sorted { $0.sequence < $1.sequence }.map(\.row)
        }
        return rows
    }

    /// The own credits and chargebacks counted once per share (not per component row, never
    /// roll-ups) with their plan currency: what the control totals add up.
    func postedShares() -> [(kind: CreditTotals.CreditRow.Kind, currency: Currency, count: Int, total: ExactDecimal)] {
        guard let index else { return [] }
        return credits.posted.indices.flatMap { kind in
            credits.posted[kind].indices.compactMap { plan in
                let tally = credits.posted[kind][plan], currency = index.planCurrency[plan]
                guard tally.count > 0 else { return nil }
                return (CreditTotals.CreditRow.Kind(rawValue: kind)!, currency, tally.count,
                        ExactDecimal(mantissa: tally.total, scale: currency.minorUnits))
            }
        }
    }

    /// Whether the deal of a row matches SPIFF `spiff` of plan `plan` (§3.7).
    func matches(_ row: CreditTotals.CreditRow, spiff: Int, plan: Int) -> Bool {
        guard let index, row.tokenPair >= 0 else { return false }
        return index.matches(.spiff, plan: plan, pair: Int(row.tokenPair)).contains { index.match(at: $0) == spiff }
    }

    /// Each partition's row positions in credits.csv's order, partition after partition. Throws
    /// `CompError.io` when the rows cannot be read back.
    func sortedPositions() throws -> [UInt32] {
        guard let index else { return [] }
        var positions: [UInt32] = []
        positions.reserveCapacity(credits.count)
        for number in 0..<CompactCredits.partitionCount {
            positions += RunMonthCredits.sortedPositions(try credits.partition(number), index)
        }
        return positions
    }

    /// The row at `position` of a partition.
    static func row(at position: Int, _ compact: CompactCredits.Partition, _ index: CreditIndex) -> CreditTotals.CreditRow {
        let row = compact.rows[position]
        let share = compact.shares[Int(row.share)]
        // The plan is read where it is, not copied (a row is made per credit of the month).
        return index.book.plans.withUnsafeBufferPointer { plans in
            let plan = plans.baseAddress! + Int(row.plan)
            return CreditTotals.CreditRow(
                repID: index.repIDs[Int(row.rep)], planID: plan.pointee.id,
                component: row.component < 0 ? "" : plan.pointee.components[Int(row.component)].id,
                dealID: String(decoding: compact.dealID(of: row), as: UTF8.self),
                creditDate: CalendarDate(dayNumber: Int(row.day)), kind: row.kind, dealAmount: share.amount,
                dealCurrency: index.currencies[Int(share.currency)], fxRate: index.rate(key: share.rateKey), percent: share.percent,
                credit: ExactDecimal(mantissa: Int128(row.credit), scale: plan.pointee.currency.minorUnits),
                planCurrency: plan.pointee.currency, tokenPair: share.tokenPair)
        }
    }

    /// The positions of the compact rows in credits.csv's order: ids compared through their byte
    /// order ranks, deal ids byte by byte, ties kept in the order the pass produced them.
    /// Rows are bucketed by rep with a counting sort (which keeps their order); each rep's rows are
    /// then sorted on keys made in one pass over the rows (plan and component rank and day, the
    /// deal id's first 8 bytes, its length and the kind), so that only deal ids sharing their
    /// first 8 bytes are looked up to be compared.
    static func sortedPositions(_ compact: CompactCredits.Partition, _ index: CreditIndex) -> [UInt32] {
        let repRank = index.repByteRanks
        let sectionRank = SectionRanks(index)
        var starts = [Int](repeating: 0, count: repRank.count + 1)
        for row in compact.rows { starts[Int(repRank[Int(row.rep)]) + 1] += 1 }
        for rank in repRank.indices { starts[rank + 1] += starts[rank] }
        var items = [SortItem](repeating: SortItem(head: 0, id: 0, position: 0, idLength: 0, kind: 0), count: compact.rows.count)
        var next = starts
        compact.rows.withUnsafeBufferPointer { rows in
            compact.shares.withUnsafeBufferPointer { shares in
                compact.idBytes.withUnsafeBufferPointer { ids in
                    // Rows, shares and ids were made in the same order: this pass reads them front to back.
                    for (position, row) in rows.enumerated() {
                        let rank = Int(repRank[Int(row.rep)])
                        let share = shares[Int(row.share)]
                        let idLength = Int(share.idLength)
                        var id: UInt64 = 0
                        for offset in 0..<8 {
                            id = id << 8 | (offset < idLength ? UInt64(ids[Int(share.idStart) + offset]) : 0)
                        }
                        // Days are compared as unsigned numbers with the sign bit flipped: the same order as signed.
                        let day = UInt64(UInt32(bitPattern: row.day) ^ 0x8000_0000)
                        items[next[rank]] = SortItem(head: UInt64(sectionRank.of(row)) << 32 | day, id: id, position: UInt32(position),
                                                     idLength: UInt8(min(idLength, 255)), kind: UInt8(row.kind.rawValue))
                        next[rank] += 1
                    }
                    for rank in repRank.indices where starts[rank + 1] - starts[rank] > 1 {
                        items[starts[rank]..<starts[rank + 1]].sort { a, b in
                            if a.head != b.head { return a.head < b.head }
                            if a.id != b.id { return a.id < b.id }
                            if a.idLength > 8 && b.idLength > 8 {
                                let deal = compareBytes(ids, shares[Int(rows[Int(a.position)].share)], shares[Int(rows[Int(b.position)].share)])
                                if deal != 0 { return deal < 0 }
                            } else if a.idLength != b.idLength {
                                // Equal first bytes, one id at most 8 long: it is the other's start (zeros pad it).
                                return a.idLength < b.idLength
                            }
                            if a.kind != b.kind { return a.kind < b.kind }
                            return a.position < b.position
                        }
                    }
                }
            }
        }
        return items.map(\.position)
    }

    private struct SortItem {
        /// Plan and component rank, then day.
        var head: UInt64
        /// The deal id's first 8 bytes, big-endian, zero-padded.
        var id: UInt64
        var position: UInt32
        /// The deal id's length, 255 for longer ones.
        var idLength: UInt8
        var kind: UInt8
    }

    private static func compareBytes(_ ids: UnsafeBufferPointer<UInt8>, _ a: CompactCredits.Share, _ b: CompactCredits.Share) -> Int {
        let common = Int(min(a.idLength, b.idLength))
        if common > 0, let base = ids.baseAddress {
            let order = memcmp(base + Int(a.idStart), base + Int(b.idStart), common)
            if order != 0 { return Int(order) }
        }
        return Int(a.idLength) - Int(b.idLength)
    }
}
