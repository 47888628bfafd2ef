/// The run month's credit rows as the parallel pass keeps them: one record per deal share (amount,
/// currency, fx, percent, deal id) and 32 bytes per row pointing at it. At ten million deals the
/// run month holds millions of rows; as `CreditRow`s with their strings they would not fit.
struct CompactCredits {
    struct Share {
        var amount: ExactDecimal
        var currency: Int16
        /// `CreditIndex.rateKey`, or -1 for a rate of 1.
        var rateKey: Int
        var percent: ExactDecimal
        var idStart: Int32
        var idLength: Int32
    }

    struct Row {
        var share: Int32
        var rep: Int32
        var plan: Int16
        /// -1 when no component matched.
        var component: Int16
        var kind: CreditTotals.CreditRow.Kind
        var day: Int32
        /// In the plan currency's minor unit.
        var credit: Int64
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
    /// Rows are first bucketed by rep (a counting sort, which keeps their order), so the
    /// comparison sort only orders each rep's few rows.
    static func sortedPositions(_ compact: CompactCredits, _ index: CreditIndex) -> [Int] {
        let repRank = index.repByteRanks
        let planRank = index.planByteRanks
        let componentRank = index.componentByteRanks
        var starts = [Int](repeating: 0, count: repRank.count + 1)
        for row in compact.rows { starts[Int(repRank[Int(row.rep)]) + 1] += 1 }
        for rank in repRank.indices { starts[rank + 1] += starts[rank] }
        var order = [Int](repeating: 0, count: compact.rows.count)
        var next = starts
        for (position, row) in compact.rows.enumerated() {
            let rank = Int(repRank[Int(row.rep)])
            order[next[rank]] = position
            next[rank] += 1
        }
        compact.idBytes.withUnsafeBufferPointer { ids in
            for rank in repRank.indices where starts[rank + 1] - starts[rank] > 1 {
                order[starts[rank]..<starts[rank + 1]].sort { i, j in
                    let a = compact.rows[i], b = compact.rows[j]
                    if a.plan != b.plan { return planRank[Int(a.plan)] < planRank[Int(b.plan)] }
                    if a.component != b.component {
                        let plan = Int(a.plan)
                        return (a.component < 0 ? -1 : componentRank[plan][Int(a.component)])
                            < (b.component < 0 ? -1 : componentRank[plan][Int(b.component)])
                    }
                    if a.day != b.day { return a.day < b.day }
                    if a.share != b.share {
                        let deal = RunMonthCredits.compareBytes(ids, compact.shares[Int(a.share)], compact.shares[Int(b.share)])
                        if deal != 0 { return deal < 0 }
                    }
                    if a.kind != b.kind { return a.kind < b.kind }
                    return i < j
                }
            }
        }
        return order
    }

    private static func compareBytes(_ ids: UnsafeBufferPointer<UInt8>, _ a: CompactCredits.Share, _ b: CompactCredits.Share) -> Int {
        let common = Int(min(a.idLength, b.idLength))
        for offset in 0..<common {
            let x = ids[Int(a.idStart) + offset], y = ids[Int(b.idStart) + offset]
            if x != y { return Int(x) - Int(y) }
        }
        return Int(a.idLength) - Int(b.idLength)
    }
}
