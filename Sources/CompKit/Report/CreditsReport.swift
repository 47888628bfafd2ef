import Foundation

/// credits.csv (§5 and §7): every credit, chargeback and roll-up copy dated in the run month,
/// once per matching component.
public enum CreditsReport {
    static let header = ["period", "rep_id", "plan_id", "component", "deal_id", "credit_date", "kind",
                         "deal_amount", "deal_currency", "fx_rate", "percent", "credit"]

    /// credits.csv in memory (tests and small runs). Throws `CompError.io` when the rows cannot
    /// be read back from their temporary files.
    public static func csv(_ credits: RunMonthCredits, period: YearMonth) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write(credits, period: period) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands credits.csv to `consume` piece by piece, in order (millions of rows at scale: the
    /// file is never whole in memory). `order` is `credits.sortedPositions()` when already made.
    /// Throws what `consume` throws, or `CompError.io` when the rows cannot be read back.
    public static func write(_ credits: RunMonthCredits, period: YearMonth, order: [UInt32]? = nil,
                             to consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let index = credits.index else { return try CSVWriter(header: header).bytes.withUnsafeBytes { try consume($0) } }
        try write(credits.credits, index: index, positions: try order ?? credits.sortedPositions(), period: period, to: consume)
    }

    /// The compact rows at `positions` (each partition's in credits.csv's order,
    /// partition after partition), rendered in chunks on a helper thread, which reads one
    /// partition at a time back from the files, while `consume` takes the finished ones.
    private static func write(_ compact: CompactCredits, index: CreditIndex, positions: [UInt32], period: YearMonth,
                              to consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        try CSVWriter(header: header).bytes.withUnsafeBytes { try consume($0) }
        let text = CompactRowText(longestID: compact.longestID, index: index, period: period)
        let rowsPerChunk = 1 << 14
        // Chunks never span two partitions: (partition, range of `positions`).
        var chunks: [(partition: Int, positions: Range<Int>)] = []
        var start = 0
        for (partition, rows) in compact.rowCounts.enumerated() {
            for chunkStart in stride(from: start, to: start + rows, by: rowsPerChunk) {
                chunks.append((partition, chunkStart..<min(chunkStart + rowsPerChunk, start + rows)))
            }
            start += rows
        }
        let state = Rendering(renderer: CompactRowRenderer(index: index, text: text))
        defer { state.renderer.deallocate() }
        let chunkList = chunks
        try ChunkPipeline.run(count: chunks.count, capacity: rowsPerChunk * text.longestRow + copySlack, render: { chunk, buffer in
            let (partition, range) = chunkList[chunk]
            guard state.failure == nil else { return 0 }
            if partition != state.loaded {
                state.loaded = partition
                do {
                    state.renderer.partition = try compact.partition(partition)
                } catch {
                    state.failure = error
                    return 0
                }
            }
            return state.renderer.render(positions[range], into: buffer)
        }, consume: consume)
        if let failure = state.failure { throw failure }
    }
}

/// The helper thread's state while credits.csv is rendered: the renderer, the partition loaded,
/// the first failure to load one.
///
/// `@unchecked Sendable`: only `ChunkPipeline`'s helper thread touches it while `run` is under way
/// (the render closure), and the caller only after `run` has returned, which waits for the helper.
private final class Rendering: @unchecked Sendable {
    var renderer: CompactRowRenderer
    var loaded = -1
    var failure: (any Error)?

    init(renderer: CompactRowRenderer) { self.renderer = renderer }
}

/// Every id, date, code and kind of credits.csv encoded once (escaped, with the comma after it),
/// back to back in one byte array, and the most bytes a row can take.
private struct CompactRowText {
    var bytes: [UInt8] = []
    /// Where each text starts in `bytes` and how long it is.
    var ranges: [(start: Int, count: Int)] = []
    let period: Int
    let firstRep: Int, firstPlan: Int, firstKind: Int, firstDay: Int, firstCurrency: Int
    /// Where each plan's components start among the texts; slot 0 of a plan is "no component".
    let firstComponent: [Int]
    let dayNumberOfFirstDay: Int
    let currencyDecimals: [Int]
    let planDecimals: [Int]
    let longestID: Int
    let longestRow: Int

    init(longestID: Int, index: CreditIndex, period month: YearMonth) {
        var texts: [String] = []
        func add(_ list: [String]) -> Int {
            defer { texts += list }
            return texts.count
        }
        period = add([month.description])
        firstRep = add(index.repIDs)
        firstPlan = add(index.book.plans.map(\.id))
        firstComponent = index.book.plans.map { plan in add([""] + plan.components.map(\.id)) }
        firstKind = add(CreditTotals.CreditRow.Kind.allCases.map(\.label))
        dayNumberOfFirstDay = month.firstDay.dayNumber
        firstDay = add((0..<month.dayCount).map { CalendarDate(dayNumber: month.firstDay.dayNumber + $0).description })
        firstCurrency = add(index.currencies.map(\.code))
        for text in texts {
            var field = CSVWriter()
            field.field(text)
            ranges.append((bytes.count, field.bytes.count + 1))
            bytes += field.bytes + [UInt8(ascii: ",")]
        }
        bytes += [UInt8](repeating: 0, count: copySlack)
        currencyDecimals = index.currencies.map(\.minorUnits)
        planDecimals = index.book.plans.map(\.currency.minorUnits)
        let longestText = ranges.map(\.count).max() ?? 0
        self.longestID = longestID
        // Period, rep, plan, component, date, kind and currency at most `longestText` each; the
        // fx rate and three numbers at most `ExactDecimal.maxFastLength` bytes (or `ExactDecimal.formatted`'s
        // 41 digits and sign); a comma or newline after each.
        longestRow = 7 * longestText + 2 * longestID + 2 + 4 * 42 + 5
    }

}

/// Writes compact rows as CSV lines straight into a buffer; used by the rendering thread only.
private struct CompactRowRenderer {
    /// The partition being rendered.
    var partition = CompactCredits.Partition()
    let index: CreditIndex
    let text: CompactRowText
    /// Formatted fx rates (with their comma) by `CreditIndex.rateKey`.
    private var rates: [Int: [UInt8]] = [:]
    /// Rows, shares and id bytes of a few hundred rows, copied next to each other.
    private let gathered: (rows: UnsafeMutablePointer<CompactCredits.Row>, shares: UnsafeMutablePointer<CompactCredits.Share>,
                           ids: UnsafeMutablePointer<UInt8>)
    private static let rowsGathered = 256

    init(index: CreditIndex, text: CompactRowText) {
        self.index = index
        self.text = text
        gathered = (.allocate(capacity: Self.rowsGathered), .allocate(capacity: Self.rowsGathered),
                    .allocate(capacity: Self.rowsGathered * text.longestID + copySlack))
    }

    func deallocate() {
        gathered.rows.deallocate()
        gathered.shares.deallocate()
        gathered.ids.deallocate()
    }

    /// Writes the partition's rows at `positions` into `buffer` (at least `text.longestRow` bytes a row);
    /// returns how many bytes it wrote.
    mutating func render(_ positions: ArraySlice<UInt32>, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var used = 0
        var start = positions.startIndex
        while start < positions.endIndex {
            let end = min(start + Self.rowsGathered, positions.endIndex)
            gather(positions[start..<end])
            used += renderGathered(count: end - start, into: UnsafeMutableRawBufferPointer(rebasing: buffer[used...]))
            start = end
        }
        return used
    }

    /// Copies the rows at `positions`, their shares and deal ids into `gathered`: rows in
    /// credits.csv's order sit anywhere in memory, and loops doing nothing but these reads let
    /// the processor wait for many of them at once.
    private func gather(_ positions: ArraySlice<UInt32>) {
        partition.rows.withUnsafeBufferPointer { rows in
            for (slot, position) in positions.enumerated() { gathered.rows[slot] = rows[Int(position)] }
        }
        partition.shares.withUnsafeBufferPointer { shares in
            for slot in 0..<positions.count { gathered.shares[slot] = shares[Int(gathered.rows[slot].share)] }
        }
        partition.idBytes.withUnsafeBufferPointer { ids in
            let readable = ids.count - copySlack
            for slot in 0..<positions.count {
                let share = gathered.shares[slot]
                let start = Int(share.idStart)
                // The last ids are too close to the end of the array for 16-byte reads.
                if start <= readable {
                    copyShort(ids.baseAddress! + start, count: Int(share.idLength), to: gathered.ids + slot * text.longestID)
                } else {
                    memcpy(gathered.ids + slot * text.longestID, ids.baseAddress! + start, Int(share.idLength))
                }
            }
        }
    }

    private mutating func renderGathered(count: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let out = buffer.bindMemory(to: UInt8.self).baseAddress!
        var used = 0
        var rates = self.rates
        defer { self.rates = rates }
        text.bytes.withUnsafeBufferPointer { texts in
            func put(_ slot: Int) {
                let range = text.ranges[slot]
                copyShort(texts.baseAddress! + range.start, count: range.count, to: out + used)
                used += range.count
            }
            func putNumber(_ value: ExactDecimal, decimals: Int) {
                let rounded = value.rounded(toScale: decimals).mantissa
                if let magnitude = UInt64(exactly: rounded.magnitude) {
                    used += ExactDecimal.writeDigits(magnitude, negative: rounded < 0, decimals: decimals, to: out + used)
                } else {
                    for byte in value.formatted(decimals: decimals).utf8 {
                        out[used] = byte
                        used += 1
                    }
                }
            }
            // Rows of one rep, plan and component follow each other: their first four fields are
            // copied from the row before.
            var prefix = (start: 0, count: 0), section = (rep: Int32(-1), plan: Int16(-1), component: Int16(-2))
            var rateKey = Int.min, rate: [UInt8] = []
            for slot in 0..<count {
                let row = gathered.rows[slot]
                let share = gathered.shares[slot]
                if section != (row.rep, row.plan, row.component) {
                    section = (row.rep, row.plan, row.component)
                    let start = used
                    put(text.period)
                    put(text.firstRep + Int(row.rep))
                    put(text.firstPlan + Int(row.plan))
                    put(text.firstComponent[Int(row.plan)] + Int(row.component) + 1)
                    prefix = (start, used - start)
                } else {
                    memcpy(out + used, out + prefix.start, prefix.count)
                    used += prefix.count
                }
                let id = UnsafeBufferPointer(start: gathered.ids + slot * text.longestID, count: Int(share.idLength))
                if id.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                    // An id a CRM export quoted (a comma, a quote, a line break in it) is quoted again.
                    out[used] = UInt8(ascii: "\"")
                    used += 1
                    for byte in id {
                        if byte == UInt8(ascii: "\"") {
                            out[used] = byte
                            used += 1
                        }
                        out[used] = byte
                        used += 1
                    }
                    out[used] = UInt8(ascii: "\"")
                    used += 1
                } else {
                    copyShort(id.baseAddress!, count: id.count, to: out + used)
                    used += id.count
                }
                out[used] = UInt8(ascii: ",")
                used += 1
                put(text.firstDay + Int(row.day) - text.dayNumberOfFirstDay)
                put(text.firstKind + row.kind.rawValue)
                let decimals = text.currencyDecimals[Int(share.currency)]
                if let amount = share.amountDigits(decimals: decimals) {
                    used += ExactDecimal.writeDigits(amount.magnitude, negative: amount.negative, decimals: decimals, to: out + used)
                } else {
                    putNumber(share.amount, decimals: decimals)
                }
                out[used] = UInt8(ascii: ",")
                used += 1
                put(text.firstCurrency + Int(share.currency))
                if share.rateKey != rateKey {
                    rateKey = share.rateKey
                    if let known = rates[rateKey] {
                        rate = known
                    } else {
                        var field = CSVWriter()
                        field.field(index.rate(key: rateKey), decimals: 6)
                        rate = field.bytes + [UInt8(ascii: ",")]
                        rates[rateKey] = rate
                    }
                }
                rate.withUnsafeBufferPointer { _ = memcpy(out + used, $0.baseAddress!, $0.count) }
                used += rate.count
                let percent = share.percentHundredths
                used += ExactDecimal.writeDigits(UInt64(percent.magnitude), negative: percent < 0, decimals: 2, to: out + used)
                out[used] = UInt8(ascii: ",")
                used += 1
                used += ExactDecimal.writeDigits(row.credit.magnitude, negative: row.credit < 0,
                                               decimals: text.planDecimals[Int(row.plan)], to: out + used)
                out[used] = UInt8(ascii: "\n")
                used += 1
            }
        }
        return used
    }
}

/// How many bytes `copyShort` may read and write past `count`: buffers it copies from and to have
/// this much room at their end.
private let copySlack = 16

/// Copies `count` bytes; up to 16 as one 16-byte load and store (most ids and fields of credits.csv
/// are that short), which may touch up to `copySlack` bytes past both ends.
@inline(__always)
private func copyShort(_ source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) {
    if count <= 16 {
        let bytes = UnsafeRawPointer(source).loadUnaligned(as: SIMD16<UInt8>.self)
        UnsafeMutableRawPointer(target).storeBytes(of: bytes, as: SIMD16<UInt8>.self)
    } else {
        memcpy(target, source, count)
    }
}
