import Foundation

/// The run month's credit rows as the parallel pass keeps them: one 40-byte record per deal share
/// (amount, currency, fx, percent, deal id) and 32 bytes per row pointing at it. At ten million
/// deals the run month holds millions of rows; as `CreditRow`s with their strings they would not fit.
struct CompactCredits {
    struct Share {
        /// The deal amount's mantissa in two words (deal amounts reach 21 digits), `amountScale` of them decimals.
        private var amountLow: UInt64
        private var amountHigh: Int64
        /// `CreditIndex.rateKey`, or -1 for a rate of 1.
        var rateKey: Int
        var idStart: Int32
        var idLength: Int32
        /// The percent in hundredths (deals give it with at most 2 decimals).
        var percentHundredths: Int32
        var currency: Int16
        private var amountScale: UInt8

        init(amount: ExactDecimal, currency: Int16, rateKey: Int, percent: ExactDecimal, idStart: Int32, idLength: Int32) {
            amountLow = UInt64(truncatingIfNeeded: amount.mantissa)
            amountHigh = Int64(truncatingIfNeeded: amount.mantissa >> 64)
            amountScale = UInt8(amount.scale)
            self.currency = currency
            self.rateKey = rateKey
            percentHundredths = Int32(percent.rounded(toScale: 2).mantissa)
            self.idStart = idStart
            self.idLength = idLength
        }

        var amount: ExactDecimal {
            ExactDecimal(mantissa: Int128(amountHigh) << 64 | Int128(amountLow), scale: Int(amountScale))
        }

        var percent: ExactDecimal { ExactDecimal(mantissa: Int128(percentHundredths), scale: 2) }

        /// The deal amount's digits with `decimals` decimals, and its sign, when that needs no
        /// rounding and fits 64 bits (nearly always): credits.csv writes them without `ExactDecimal`.
        @inline(__always)
        func amountDigits(decimals: Int) -> (magnitude: UInt64, negative: Bool)? {
            let low = Int64(bitPattern: amountLow)
            guard amountHigh == low >> 63, Int(amountScale) <= decimals, decimals - Int(amountScale) <= 18 else { return nil }
            var magnitude = low.magnitude
            for _ in Int(amountScale)..<decimals {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                magnitude = product
            }
            return (magnitude, low < 0)
        }
    }

    struct Row {
        /// In the plan currency's minor unit.
        var credit: Int64
        var share: Int32
        var rep: Int32
        var day: Int32
        var plan: Int16
        /// -1 when no component matched.
        var component: Int16
        var kind: CreditTotals.CreditRow.Kind

        init(share: Int32, rep: Int32, plan: Int16, component: Int16, kind: CreditTotals.CreditRow.Kind, day: Int32, credit: Int64) {
            self.credit = credit
            self.share = share
            self.rep = rep
            self.day = day
            self.plan = plan
            self.component = component
            self.kind = kind
        }
    }

    var shares: [Share] = []
    var rows: [Row] = []
    var idBytes: [UInt8] = []

    /// Adds another store's rows after these (file order is kept: first worker first).
    mutating func append(_ other: CompactCredits) {
        let shareOffset = Int32(shares.count), idOffset = Int32(idBytes.count)
        idBytes += other.idBytes
        shares += other.shares.map { share in
            var moved = share
            moved.idStart += idOffset
            return moved
        }
        rows += other.rows.map { row in
            var moved = row
            moved.share += shareOffset
            return moved
        }
    }

    func dealID(of row: Row) -> UnsafeBufferPointer<UInt8> {
        let share = shares[Int(row.share)]
        return idBytes.withUnsafeBufferPointer {
            UnsafeBufferPointer(rebasing: $0[Int(share.idStart)..<Int(share.idStart + share.idLength)])
        }
    }
}

/// The run month's rows of credits.csv, from either credit pass.
public struct RunMonthCredits: @unchecked Sendable {
    enum Storage {
        case rows([CreditTotals.CreditRow])
        case compact(CompactCredits, CreditIndex)
    }

    let storage: Storage

    public var count: Int {
        switch storage {
        case .rows(let rows): return rows.count
        case .compact(let compact, _): return compact.rows.count
        }
    }

    /// Every row with its strings (for statements and reports on small runs).
    public var rows: [CreditTotals.CreditRow] {
        switch storage {
        case .rows(let rows): return rows
        case .compact(let compact, let index): return compact.rows.indices.map { row(at: $0, compact, index) }
        }
    }

    /// Calls `body` once per own credit or chargeback share (not per component row, never for
    /// roll-ups) with its kind, plan currency and credit: what the control totals add up.
    func forEachPostedShare(_ body: (CreditTotals.CreditRow.Kind, Currency, ExactDecimal) -> Void) {
        switch storage {
        case .rows(let rows):
            var seen = Set<[String]>()
            for row in rows where row.kind != .rollup && seen.insert([row.repID, row.planID, row.dealID, row.kind.label]).inserted {
                body(row.kind, row.planCurrency, row.credit)
            }
        case .compact(let compact, let index):
            // A share's component rows are written one after the other.
            var previous: Int32 = -1
            for row in compact.rows where row.kind != .rollup && row.share != previous {
                previous = row.share
                let currency = index.planCurrency[Int(row.plan)]
                body(row.kind, currency, ExactDecimal(mantissa: Int128(row.credit), scale: currency.minorUnits))
            }
        }
    }

    /// The positions of the parallel pass's rows in credits.csv's order; nil for the simple pass's rows.
    func sortedPositions() -> [UInt32]? {
        guard case .compact(let compact, let index) = storage else { return nil }
        return RunMonthCredits.sortedPositions(compact, index)
    }

    /// The row at `position` in the order the pass produced them.
    func row(at position: Int, _ compact: CompactCredits, _ index: CreditIndex) -> CreditTotals.CreditRow {
        let row = compact.rows[position]
        let share = compact.shares[Int(row.share)]
        let plan = index.book.plans[Int(row.plan)]
        return CreditTotals.CreditRow(
            repID: index.repIDs[Int(row.rep)], planID: plan.id,
            component: row.component < 0 ? "" : plan.components[Int(row.component)].id,
            dealID: String(decoding: compact.dealID(of: row), as: UTF8.self),
            creditDate: CalendarDate(dayNumber: Int(row.day)), kind: row.kind, dealAmount: share.amount,
            dealCurrency: index.currencies[Int(share.currency)], fxRate: index.rate(key: share.rateKey), percent: share.percent,
            credit: ExactDecimal(mantissa: Int128(row.credit), scale: plan.currency.minorUnits), planCurrency: plan.currency)
    }

    /// The positions of the compact rows in credits.csv's order: ids compared through their byte
    /// order ranks, deal ids byte by byte, ties kept in the order the pass produced them.
    /// Rows are bucketed by rep with a counting sort (which keeps their order); each rep's rows are
    /// then sorted on keys made in one pass over the rows (plan and component rank and day, the
    /// deal id's first 8 bytes, its length and the kind), so that only deal ids sharing their
    /// first 8 bytes are looked up to be compared.
    static func sortedPositions(_ compact: CompactCredits, _ index: CreditIndex) -> [UInt32] {
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

    /// Ranks of (plan, component) pairs in credits.csv's order: plan id, then component id with
    /// "no component" (empty) first.
    private struct SectionRanks {
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

        func of(_ row: CompactCredits.Row) -> UInt32 { ranks[firstSlot[Int(row.plan)] + Int(row.component) + 1] }
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
