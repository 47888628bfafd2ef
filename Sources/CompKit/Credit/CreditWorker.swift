#if canImport(Glibc)
import Glibc
#endif
import CPlatform

/// Credits deals on one thread: the records of one byte range of a deals.csv, split in place
/// (`CSVRecordScan`), or deals handed over one by one (XML, what-if deals). Each deal is checked by
/// `DealRules`, which logs every problem with its line and column, and its credits, chargebacks
/// and roll-up copies are added to flat integer sums, without a string or an array per row.
///
/// Lines of a CSV range are counted from the range's first record (0) and made absolute when the
/// pass adds the workers up; deals handed over carry their own line.
struct CreditWorker {
    let index: CreditIndex
    /// `index.reps`, held here: looking up through the index would retain the arrays per call.
    private let reps: ByteKeyTable
    private let paidDealIDs: PaidDealIDs
    /// Whether payments.csv names any deal (then each deal is asked about in `paidDealIDs`).
    private let watchesPaidDeals: Bool
    private let columns: DealColumns
    private let width: Int
    private let deduplicator: DealIDFilter
    private(set) var rules: DealRules

    /// Credit sums, SPIFF sums and forecast actuals by `CreditIndex.cell`, in the plan
    /// currency's minor unit.
    let sums: IntegerTable<Int64>
    /// False for a worker that adds to the sums of the worker it continues (`continuation()`):
    /// the pass adds those sums in once.
    let ownsSums: Bool
    /// The run month's rows of credits.csv, written to a temporary file as they come.
    private var runMonth: CompactCredits.Writer
    /// What the finance reports gather from the deals.
    private(set) var finance: FinanceTally
    /// Exceptions and missing rates with the line of their deal.
    private(set) var exceptions: [(line: Int, id: String, reason: CreditException)] = []
    private(set) var missingRates: [MissingRate: Int] = [:]
    /// The first deal whose converted amount took the run month's credits past what the finance
    /// reports compute exactly.
    private(set) var financeTooLarge: Int?
    private(set) var newlines = 0
    private(set) var dealRows = 0
    private(set) var won = 0
    private(set) var cancelled = 0
    /// Set when a sum would have passed 64 bits: the pass reports it for the whole file (which
    /// deal tips it over depends on how the file was cut).
    private(set) var sumsOverflowed = false
    /// Where the last record of the range ended: the next range must start there.
    private(set) var endedAt = 0
    /// Set after malformed CSV: the rest of the range is not read.
    private(set) var stopped = false
    /// Fingerprints of ids the filter may have seen before: checked exactly after the pass.
    private(set) var suspects: [UInt64] = []
    /// The deals met that payments.csv names.
    var paidDeals: MetPaidDeals
    private var chain = ManagerChain()
    /// The managers up the chain of the credit being posted who get a roll-up copy of it.
    private var teamCopies = ReusedList<TeamCopy>()
    /// The fields of the rows split but not yet credited (`waiting`): per row `width` fields and
    /// one more that stays empty (for absent columns).
    private let fields: FieldSlots
    /// Per waiting row, the bytes of its fields that held doubled quotes, unescaped.
    private let scratch: [ByteScratch]
    /// Rows split but not yet credited, oldest first, in a ring of `lookahead + 1`. Crediting lags
    /// `lookahead` rows behind splitting so that the memory a row will need (its filter word, its
    /// first rep's slot, entries and cells, its manager's entry and cells) is requested while the
    /// rows before it are credited. The requests are hints only: rows are credited in file order
    /// whatever is cached.
    private var waiting: [WaitingRow]
    private var waitingStart = 0
    private var waitingCount = 0
    private static let lookahead = 10

    /// What the paid-deal filter said of a row's deal.
    private enum PaidAnswer {
        case notAsked
        case notNamed
        /// Named, or a false alarm: the exact look-up tells.
        case mayBeNamed
    }

    private struct WaitingRow {
        /// The row's first field in `fields`.
        var fields = 0
        var line = 0
        var fingerprint: UInt64 = 0
        /// The first rep id's length in the reps field, and its probe in `reps`.
        var firstRepLength = 0
        var repProbe = ByteKeyTable.Probe.none
        /// Whether payments may name the deal, once asked, and then the id's probe in
        /// `paidDealIDs.numbers`.
        var paid = PaidAnswer.notAsked
        var paidProbe = ByteKeyTable.Probe.none
        /// The first rep's number once looked up (-1 if unknown, `notLookedUp` before).
        var firstRep = DealRules.notLookedUp
        /// The first rep's entry on the close day once looked up (-1 if none, `notLookedUp`
        /// before), and that day.
        var firstEntry = DealRules.notLookedUp
        var closeDay: Int32 = 0
        var closeMonth = 0
    }

    /// `paidDeals`: the deal ids payments.csv names, numbered; the worker keeps what their payment
    /// credits need when it meets these deals (§3.1b).
    /// `sums`: the table of a worker this one continues on the same thread (a new one when nil).
    init(index: CreditIndex, paidDeals: PaidDealIDs, columns: DealColumns, deduplicator: DealIDFilter, rules: DealRules,
         sums: IntegerTable<Int64>? = nil) {
        self.index = index
        reps = index.reps
        paidDealIDs = paidDeals
        watchesPaidDeals = !paidDeals.isEmpty
        self.paidDeals = MetPaidDeals(room: paidDeals.numbers.count)
        self.columns = columns
        width = columns.width
        self.deduplicator = deduplicator
        self.rules = rules
        self.sums = sums ?? IntegerTable(count: index.cellCount)
        ownsSums = sums == nil
        runMonth = CompactCredits.Writer(index: index)
        finance = FinanceTally(currencies: index.currencies.count)
        fields = FieldSlots(count: (columns.width + 1) * (CreditWorker.lookahead + 1))
        scratch = (0...CreditWorker.lookahead).map { _ in ByteScratch() }
        waiting = (0...CreditWorker.lookahead).map { WaitingRow(fields: $0 * (columns.width + 1)) }
    }

    /// A worker for another range of the same file, to be run after this one on the same thread:
    /// it adds to this worker's sums (commutative, and 24 MiB for 55 000 participants) and keeps
    /// everything that has a line or an order of its own, so that its range is added in its place.
    func continuation() -> CreditWorker {
        CreditWorker(index: index, paidDeals: paidDealIDs, columns: columns, deduplicator: deduplicator,
                     rules: DealRules(file: rules.file, log: DiagnosticLog(limit: rules.log.limit), index: index,
                                      knowsEveryParticipant: rules.knowsEveryParticipant),
                     sums: sums)
    }

    /// Writes the last of the run month's rows and hands them over; throws `CompError.io` when
    /// they could not be written.
    mutating func takeRunMonth() throws -> CompactCredits {
        try runMonth.finish()
    }

    // MARK: Reading a range of deals.csv

    /// How much of a range is read at a time, unless the range is smaller.
    static let bufferBytes = 4 << 20

    /// Reads the open file from `start` (a record's first byte) to the range's end, `bufferBytes`
    /// at a time, and credits every record that starts before that end. The end may be moved
    /// closer while the range is read (`CreditRanges`): before each buffer, `end(readUpTo)` says
    /// where it is now, once told that no record starting at or after `readUpTo` will be read
    /// before the next call. Throws `InputFile.Failure` when reading fails.
    mutating func process(descriptor: Int32, start: Int, bufferBytes: Int, end: (_ readUpTo: Int) -> Int) throws {
        // The range and a little more when smaller (a record longer grows it).
        var buffer = [UInt8](repeating: 0, count: min(bufferBytes, end(start + bufferBytes) - start + 4096))
        var filled = 0
        var fileOffset = start
        var atEnd = false
        endedAt = start
        while !stopped {
            // Fill the buffer after what is carried over.
            if !atEnd && filled < buffer.count {
                let count = buffer.withUnsafeMutableBytes { raw in
                    pread(descriptor, raw.baseAddress! + filled, raw.count - filled, off_t(fileOffset))
                }
                guard count >= 0 else { throw InputFile.Failure.reading }
                if count == 0 { atEnd = true }
                filled += count
                fileOffset += count
            }
            let consumedStart = fileOffset - filled
            let rangeEnd = end(fileOffset)
            let (used, done) = buffer.withUnsafeBufferPointer { all in
                records(in: UnsafeBufferPointer(rebasing: all[0..<filled]), fileOffset: consumedStart, rangeEnd: rangeEnd, atEnd: atEnd)
            }
            endedAt = consumedStart + used
            if done { return }
            if used == 0 {
                // A record longer than the buffer: allow up to the longest record accepted.
                guard !atEnd, buffer.count <= CSVReader.maxRecordBytes * 2 else {
                    tooLong(line: newlines)
                    return
                }
                buffer += [UInt8](repeating: 0, count: buffer.count)
                continue
            }
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + used, filled - used)
            }
            filled -= used
            if atEnd && filled == 0 { return }
        }
    }

    private mutating func tooLong(line: Int) {
        rules.log.error(file: rules.file, line: line, column: 1,
                        "a record is longer than \(CSVReader.maxRecordBytes) bytes (is a closing quote missing?)")
        stopped = true
    }

    /// Handles the complete records in `bytes`; returns how many bytes it used, and whether the
    /// range is finished (the next record starts at or after `rangeEnd`).
    /// Every row waiting is credited before it returns (`bytes` may move afterwards).
    private mutating func records(in bytes: UnsafeBufferPointer<UInt8>, fileOffset: Int, rangeEnd: Int, atEnd: Bool) -> (Int, Bool) {
        var position = 0
        defer { while waitingCount > 0 { creditOldest() } }
        let mayHoldQuotes = CSVRecordScan.mayHoldQuotes(bytes)
        while position < bytes.count {
            if fileOffset + position >= rangeEnd { return (position, true) }
            guard let next = record(bytes, from: position, atEnd: atEnd, mayHoldQuotes: mayHoldQuotes) else { return (position, false) }
            position = next
            if stopped { return (position, true) }
        }
        return (position, atEnd || fileOffset + position >= rangeEnd)
    }

    /// Requests what the rows waiting will need, a step further every two rows of age (each step
    /// needs what the one before loaded), and credits the oldest once `lookahead` rows are
    /// waiting behind it.
    private mutating func advanceWaiting() {
        let ring = CreditWorker.lookahead + 1
        func slot(_ age: Int) -> Int { (waitingStart + waitingCount - 1 - age) % ring }
        // The newest row: its filter words and its first rep's slot.
        let newest = slot(0)
        let row = fields.base + waiting[newest].fields
        let fingerprint = DealIDFingerprint.of(row[columns.id])
        waiting[newest].fingerprint = fingerprint
        deduplicator.prefetchForInsert(fingerprint)
        if watchesPaidDeals { paidDealIDs.prefetch(fingerprint: fingerprint) }
        let firstRep = CreditWorker.firstRep(row[columns.reps])
        waiting[newest].firstRepLength = firstRep.count
        waiting[newest].repProbe = ByteKeyTable.probe(firstRep)
        reps.prefetch(waiting[newest].repProbe)
        // Then its first rep's number (the slot is cached by now), and its entry range; and, when
        // payments may name it, its paid-deal slot.
        if waitingCount > 2 {
            let older = slot(2)
            let row = fields.base + waiting[older].fields
            let rep = reps.lookup(RawBytes(rebasing: row[columns.reps][0..<waiting[older].firstRepLength]), probe: waiting[older].repProbe)
            waiting[older].firstRep = rep
            if rep >= 0 { index.prefetchEntryRange(rep: rep) }
            if watchesPaidDeals {
                if let probe = paidDealIDs.probe(id: row[columns.id], fingerprint: waiting[older].fingerprint) {
                    paidDealIDs.numbers.prefetch(probe)
                    (waiting[older].paid, waiting[older].paidProbe) = (.mayBeNamed, probe)
                } else {
                    waiting[older].paid = .notNamed
                }
            }
        }
        // Then its first entry.
        if waitingCount > 4, waiting[slot(4)].firstRep >= 0 { index.prefetchEntries(rep: waiting[slot(4)].firstRep) }
        // Then the first rep's cells of the close month, and its manager's first entry.
        if waitingCount > 6, waiting[slot(6)].firstRep >= 0,
           let close = DealRules.date(fields.base[waiting[slot(6)].fields + columns.closeDate]) {
            let older = slot(6)
            let entry = index.entry(rep: waiting[older].firstRep, day: close.day)
            waiting[older].firstEntry = Int32(entry)
            if entry >= 0 {
                (waiting[older].closeDay, waiting[older].closeMonth) = (close.day, close.month)
                let own = index.entries[entry]
                let month = index.countedMonth(day: close.day, monthOrdinal: close.month, plan: Int(own.plan))
                if month > 0 { prefetchCells(of: own, month: month, from: 0) }
                if own.managerStart < own.managerEnd { index.prefetchEntry(Int(own.managerStart)) }
            }
        }
        // Then the manager's roll-up cells of that month.
        if waitingCount > 8, waiting[slot(8)].firstEntry >= 0 {
            // The fields read one by one: a copy of the whole row is a `memcpy` call.
            let older = slot(8)
            let (firstEntry, closeDay) = (waiting[older].firstEntry, waiting[older].closeDay)
            let manager = index.managerEntry(of: Int(firstEntry), day: closeDay)
            if manager >= 0 {
                let managerEntry = index.entries[manager]
                let month = index.countedMonth(day: closeDay, monthOrdinal: waiting[older].closeMonth, plan: Int(managerEntry.plan))
                if month > 0 { prefetchCells(of: managerEntry, month: month, from: 1) }
            }
        }
        if waitingCount > CreditWorker.lookahead { creditOldest() }
    }

    /// Starts loading an entry's cells of a month from `slot` to its plan's last: the first and the
    /// last one's cache lines, which are all of them for a plan of up to seven components and
    /// SPIFFs (a month's block is not aligned to a line, so it often spans two).
    @inline(__always)
    private func prefetchCells(of entry: CreditIndex.Entry, month: Int, from slot: Int) {
        let first = index.cell(entry: entry, month: month, slot: slot)
        comp_prefetch_for_write(sums.base + first)
        comp_prefetch_for_write(sums.base + first + (index.plans[Int(entry.plan)].slots - 1 - slot))
    }

    private mutating func creditOldest() {
        // The fields read one by one: a copy of the whole row is a `memcpy` call.
        let oldest = waitingStart
        waitingStart = (waitingStart + 1) % (CreditWorker.lookahead + 1)
        waitingCount -= 1
        let row = fields.base + waiting[oldest].fields, fingerprint = waiting[oldest].fingerprint
        let paidProbe: ByteKeyTable.Probe?
        switch waiting[oldest].paid {
        case .notAsked: paidProbe = paidDealIDs.probe(id: row[columns.id], fingerprint: fingerprint)
        case .notNamed: paidProbe = nil
        case .mayBeNamed: paidProbe = waiting[oldest].paidProbe
        }
        credit(fields: row, line: waiting[oldest].line, fingerprint: fingerprint, firstRep: waiting[oldest].firstRep,
               firstEntry: waiting[oldest].firstEntry, paidProbe: paidProbe)
    }

    /// Splits one record into `fields` and puts it in line to be credited; returns where the next
    /// record starts, or nil when the record is not complete in `bytes`. Malformed CSV is logged
    /// and stops the range.
    private mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool, mayHoldQuotes: Bool) -> Int? {
        let next = (waitingStart + waitingCount) % (CreditWorker.lookahead + 1)
        switch CSVRecordScan.split(bytes, from: start, atEnd: atEnd, into: fields.base + waiting[next].fields, capacity: width,
                                   scratch: scratch[next], mayHoldQuotes: mayHoldQuotes) {
        case .incomplete:
            return nil
        case .blank(let end):
            newlines += 1
            return end
        case .malformed(let lineEnds, let field, let message):
            rules.log.error(file: rules.file, line: newlines + lineEnds, column: field, message)
            stopped = true
            return bytes.count
        case .record(let end, let lineEnds, let fieldCount):
            if end - start > CSVReader.maxRecordBytes {
                tooLong(line: newlines)
                return bytes.count
            }
            defer { newlines += lineEnds }
            dealRows += 1
            guard fieldCount == width else {
                rules.log.error(.wholeLine(rules.file, newlines), "this row has \(fieldCount) fields, the header has \(width)")
                return end
            }
            waiting[next].line = newlines
            waiting[next].firstRep = DealRules.notLookedUp
            waiting[next].firstEntry = DealRules.notLookedUp
            waiting[next].paid = .notAsked
            waitingCount += 1
            advanceWaiting()
            return end
        }
    }

    // MARK: Checking and crediting one deal

    /// Checks and credits the row whose fields start at `fields`; `fingerprint` is its id's, `firstRep`
    /// its first rep's number and `firstEntry` that rep's entry on the close day if already looked
    /// up, `paidProbe` its id's probe in `paidDealIDs.numbers` (nil when payments do not name it).
    private mutating func credit(fields: UnsafeMutablePointer<RawBytes>, line: Int, fingerprint: UInt64, firstRep: Int32,
                                 firstEntry: Int32, paidProbe: ByteKeyTable.Probe?) {
        func field(_ column: Int) -> RawField { RawField(bytes: fields[column], column: column + 1) }
        let raw = RawDeal(line: line, id: field(columns.id), closeDate: field(columns.closeDate), amount: field(columns.amount),
                          currency: field(columns.currency), type: field(columns.type), product: field(columns.product),
                          status: field(columns.status), cancelDate: field(columns.cancelDate), createdDate: field(columns.createdDate))
        if !raw.id.isEmpty && !deduplicator.insert(fingerprint) { suspects.append(fingerprint) }
        guard let deal = rules.check(raw, reps: field(columns.reps), firstRep: firstRep) else { return }
        credit(deal, line: line, firstEntry: firstEntry, paidProbe: paidProbe)
    }

    /// Starts loading what crediting a deal read elsewhere needs first (its id's words in the two
    /// filters, its first rep's slot): called some deals ahead of `credit(_:shares:)`.
    /// `mutating` though it changes nothing: called on a worker a closure holds (the XML reader's),
    /// a non-mutating method is called on a copy of the whole worker, every table retained and
    /// released, deal after deal.
    mutating func prefetch(id: UnsafeBufferPointer<UInt8>, firstRep: UnsafeBufferPointer<UInt8>) {
        let fingerprint = DealIDFingerprint.of(id)
        deduplicator.prefetchForInsert(fingerprint)
        reps.prefetch(firstRep)
        if watchesPaidDeals { paidDealIDs.prefetch(fingerprint: fingerprint) }
    }

    /// Checks and credits a deal read elsewhere (an XML `<deal>`, a what-if deal).
    mutating func credit(_ raw: RawDeal, shares: [(rep: RawField, percent: RawField?)]) {
        dealRows += 1
        let fingerprint = DealIDFingerprint.of(raw.id.bytes)
        if !raw.id.isEmpty && !deduplicator.insert(fingerprint) { suspects.append(fingerprint) }
        guard let deal = rules.check(raw, shares: shares) else { return }
        credit(deal, line: raw.line, firstEntry: DealRules.notLookedUp, paidProbe: paidDealIDs.probe(id: deal.id, fingerprint: fingerprint))
    }

    /// Credits a checked deal: a credit per split share, and a chargeback when it was cancelled
    /// inside the clawback window of the plan active on its close date (§3.1–3.3). `firstEntry` is
    /// the first rep's entry on the close day when already looked up, `paidProbe` the id's probe in
    /// `paidDealIDs.numbers` when payments may name the deal.
    private mutating func credit(_ deal: CheckedDeal, line: Int, firstEntry: Int32, paidProbe: ByteKeyTable.Probe?) {
        let id = deal.id
        let pair = index.tokenPair(type: deal.type, product: deal.product)
        if let paidProbe {
            let number = paidDealIDs.numbers.lookup(id, probe: paidProbe)
            if number >= 0 {
                paidDeals.meet(number, amount: deal.amount, closeDay: deal.closeDay, currency: deal.currency, pair: pair,
                               shares: rules.splitReps[0..<rules.splitCount], percents: rules.splitPercents[0..<rules.splitCount])
            }
        }
        if deal.isCancelled { cancelled += 1 } else { won += 1 }
        let runMonthOrdinal = index.runMonth.ordinal
        if deal.isCancelled && deal.cancelMonth == runMonthOrdinal { finance.cancelledInMonth += 1 }
        if deal.closeMonth == runMonthOrdinal {
            tallyClosing(close: deal.closeDay, created: deal.createdDay, amount: deal.amount, currency: deal.currency, id: id)
        }
        guard deal.closeDay <= index.runEnd else { return }
        for share in 0..<rules.splitCount {
            let rep = rules.splitReps[share], percent = rules.splitPercents[share]
            let entry = share == 0 && firstEntry != DealRules.notLookedUp ? Int(firstEntry) : index.entry(rep: rep, day: deal.closeDay)
            guard entry >= 0 else {
                if deal.closeMonth == runMonthOrdinal {
                    exceptions.append((line, id.string, .noEntry(rep: index.repIDs[Int(rep)],
                                                                                on: CalendarDate(dayNumber: Int(deal.closeDay)))))
                }
                continue
            }
            post(.credit, amount: deal.amount, currency: deal.currency, rateMonth: deal.closeMonth, pair: pair, id: id, rep: rep,
                 percent: percent, entry: entry, day: deal.closeDay, monthOrdinal: deal.closeMonth, line: line)
            if deal.isCancelled && deal.cancelDay <= index.runEnd {
                chargeBack(deal, pair: pair, id: id, rep: rep, percent: percent, creditedTo: entry, line: line)
            }
        }
    }

    /// What the finance reports count of a deal closed in the run month (`DealActivity`).
    private mutating func tallyClosing(close: Int32, created: Int32?, amount: ExactDecimal, currency: Int16, id: RawBytes) {
        let closed = finance.closedInMonth[Int(currency)]
        finance.closedInMonth[Int(currency)] = (closed.count + 1, closed.total + amount)
        let watched = index.watched.lookup(id)
        if watched >= 0 { finance.closedWatched.insert(watched) }
        if let created, created <= close {
            finance.cycleDays += Int(close - created)
            finance.cycleDeals += 1
        }
    }

    private mutating func chargeBack(_ deal: CheckedDeal, pair: Int, id: RawBytes, rep: Int32,
                            percent: ExactDecimal, creditedTo entry: Int, line: Int) {
        let plan = Int(index.entries[entry].plan)
        let cancelDate = CalendarDate(dayNumber: Int(deal.cancelDay))
        let reported = deal.cancelMonth == index.runMonth.ordinal
        let days = Int(deal.cancelDay - deal.closeDay)
        let window = Int(index.plans[plan].clawbackDays)
        guard window >= 0 else {
            if reported {
                exceptions.append((line, id.string, .noClawback(rep: index.repIDs[Int(rep)], plan: index.book.plans[plan].id,
                                                                               cancelDate: cancelDate)))
            }
            return
        }
        guard days <= window else {
            if reported {
                exceptions.append((line, id.string, .outsideWindow(rep: index.repIDs[Int(rep)], plan: index.book.plans[plan].id,
                                                                                  days: days, window: window)))
            }
            return
        }
        let landing = index.entry(rep: rep, day: deal.cancelDay)
        guard landing >= 0 else {
            if reported {
                exceptions.append((line, id.string, .noEntryOnCancel(rep: index.repIDs[Int(rep)], cancelDate: cancelDate)))
            }
            return
        }
        post(.chargeback, amount: deal.amount, currency: deal.currency, rateMonth: deal.closeMonth, pair: pair, id: id, rep: rep,
             percent: percent, entry: landing, day: deal.cancelDay, monthOrdinal: deal.cancelMonth, line: line)
    }

    /// Posts one credit, chargeback or payment credit of `amount` (in deal currency `currency`,
    /// converted at month `rateMonth`) × `percent` to the rep's entry dated `day`: the entry's
    /// matching components and SPIFFs, the run month's rows, and a roll-up copy for every manager
    /// up the chain (§3.1–3.3, §3.1b, §3.7).
    private mutating func post(_ kind: CreditTotals.CreditRow.Kind, amount dealAmount: ExactDecimal, currency dealCurrency: Int16,
                               rateMonth: Int, pair: Int, id: RawBytes, rep: Int32, percent: ExactDecimal, entry: Int, day: Int32,
                               monthOrdinal: Int, line: Int) {
        let isPayment = kind == .payment
        let ownKind: CreditIndex.MatchKind = isPayment ? .ownOnPayment : .own
        let teamKind: CreditIndex.MatchKind = isPayment ? .teamOnPayment : .team
        let own = index.entries[entry]
        let plan = Int(own.plan)
        let planInfo = index.plans[plan]
        let ownMonth = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: plan)
        let ownCells = ownMonth > 0 ? index.cell(entry: own, month: ownMonth, slot: 0) : 0
        if ownMonth > 0 { prefetchCells(of: own, month: ownMonth, from: 0) }
        let inRunMonth = monthOrdinal == index.runMonth.ordinal
        index.managerChain(entry: entry, day: day, into: &chain)
        teamCopies.removeAll()
        for level in chain.levels {
            let managerEntry = index.entries[chain[level]]
            let managerPlan = Int(managerEntry.plan)
            let month = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: managerPlan)
            let components = index.matches(teamKind, plan: managerPlan, pair: pair)
            guard month > 0, !components.isEmpty else { continue }
            let cells = index.cell(entry: managerEntry, month: month, slot: 1)
            prefetchCells(of: managerEntry, month: month, from: 1)
            teamCopies.append(TeamCopy(rep: managerEntry.rep, plan: managerPlan, cells: cells, components: components))
        }
        if ownMonth == 0 && inRunMonth {
            exceptions.append((line, id.string, .planOutsideRun(
                rep: index.repIDs[Int(rep)], date: CalendarDate(dayNumber: Int(day)), plan: index.book.plans[plan].id,
                runMonth: index.runMonth, kind: kind)))
        }
        guard ownMonth > 0 || !teamCopies.isEmpty else { return }
        let planCurrency = planInfo.currency
        let exact: ExactDecimal, rateKey: Int
        if dealCurrency == planCurrency {
            // A rate of 1: amount × 1 × percent × 1/100 is the product of the two mantissas.
            exact = ExactDecimal(mantissa: dealAmount.mantissa * percent.mantissa, scale: dealAmount.scale + percent.scale + 2)
            rateKey = -1
        } else {
            guard let rate = rate(month: rateMonth, from: dealCurrency, to: planCurrency, line: line) else { return }
            exact = CreditMath.convertedShare(amount: dealAmount, rate: rate, percent: percent)
            rateKey = CreditIndex.rateKey(month: rateMonth, from: dealCurrency, to: planCurrency)
        }
        // Rounded half away from zero: a refund (a negative payment) rounds like its positive.
        let rounded = CreditWorker.rounded(exact, decimals: planInfo.minorUnits)
        guard let signed = Int64(exactly: rounded), signed.magnitude < CreditWorker.largestMinor.magnitude else {
            _ = tooLarge(rounded, currency: index.planCurrency[plan], line: line)
            return
        }
        let minor = kind == .chargeback ? -signed : signed
        /// The credit as `ExactDecimal`, for the rarer paths (SPIFFs, conversion for a manager).
        var amount: ExactDecimal { ExactDecimal(mantissa: Int128(minor), scale: planInfo.minorUnits) }
        if kind == .credit && ownMonth > 0 {
            // Forecast actuals and the control totals' credits in and out (DealActivity).
            guard add(minor, to: ownCells) else { return }
            if inRunMonth {
                let tally = finance.runMonthCredits[Int(planCurrency)]
                if let amountIn = FinanceArithmetic.sum(tally.amountIn, exact.rounded(toScale: min(exact.scale, FinanceArithmetic.scale))),
                   FinanceArithmetic.isInRange(amountIn) {
                    finance.runMonthCredits[Int(planCurrency)] = (tally.count + 1, amountIn, tally.creditOut + Int128(minor))
                } else if financeTooLarge == nil {
                    financeTooLarge = line
                }
            }
        }
        if inRunMonth { runMonth.startShare() }
        let creditedRep = rep
        func row(_ kind: CreditTotals.CreditRow.Kind, rep: Int32, plan: Int, component: Int16, credit: Int64) {
            runMonth.add(kind: kind, rep: rep, plan: Int16(plan), component: component, day: day, credit: credit, id: id) {
                CompactCredits.Share(amount: dealAmount, currency: dealCurrency, rateKey: rateKey, percent: percent, tokenPair: pair,
                                     creditedRep: creditedRep, idStart: 0, idLength: 0)
            }
        }

        if ownMonth > 0 {
            let components = index.matches(ownKind, plan: plan, pair: pair)
            for position in components { guard add(minor, to: ownCells + 1 + index.match(at: position)) else { return } }
            // SPIFFs are paid on deal credits and chargebacks, never on payment credits (§3.1b).
            for position in isPayment ? 0..<0 : index.matches(.spiff, plan: plan, pair: pair) {
                let spiff = index.match(at: position)
                let value = SpiffMath.amount(index.book.plans[plan].spiffs[spiff], percent: percent, credit: amount,
                                             isReversal: kind == .chargeback, currency: index.planCurrency[plan])
                let spiffRounded = value.rounded(toScale: planInfo.minorUnits).mantissa
                guard let spiffMinor = Int64(exactly: spiffRounded), abs(spiffMinor) < CreditWorker.largestMinor else {
                    _ = tooLarge(spiffRounded, currency: index.planCurrency[plan], line: line)
                    return
                }
                guard add(spiffMinor, to: ownCells + planInfo.firstSpiffSlot + spiff) else { return }
            }
            if inRunMonth {
                if components.isEmpty { row(kind, rep: rep, plan: plan, component: -1, credit: minor) }
                for position in components { row(kind, rep: rep, plan: plan, component: Int16(index.match(at: position)), credit: minor) }
            }
        }
        // By position: iterating the list while the worker changes would retain it, credit after credit.
        for position in teamCopies.indices {
            let team = teamCopies[position]
            var copy = minor
            let managerCurrency = index.plans[team.plan].currency
            if managerCurrency != planCurrency {
                guard let conversion = self.rate(month: rateMonth, from: planCurrency, to: managerCurrency, line: line) else { continue }
                let convertedMinor = index.planCurrency[team.plan].round(amount * conversion).mantissa
                guard let converted = Int64(exactly: convertedMinor), abs(converted) < CreditWorker.largestMinor else {
                    _ = tooLarge(convertedMinor, currency: index.planCurrency[team.plan], line: line)
                    return
                }
                copy = converted
            }
            for match in team.components {
                let component = index.match(at: match)
                guard add(copy, to: team.cells + component) else { return }
                if inRunMonth { row(.rollup, rep: team.rep, plan: team.plan, component: Int16(component), credit: copy) }
            }
        }
    }

    /// A manager who gets a roll-up copy of the credit being posted: their plan, their cells of the
    /// credit's month and the team components of that plan the deal matches.
    private struct TeamCopy {
        var rep: Int32
        var plan: Int
        var cells: Int
        var components: Range<Int>
    }

    // MARK: Payments

    /// Credits rows `rows` of a payments file (§3.1b; `numbers`: the file's deal numbers in the
    /// index): per split share of the deal, a payment credit dated the paid date, converted at
    /// the paid month, in the plan of the rep's entry active that day, to that entry's matching
    /// `creditOn="payment"` components, with roll-up copies to the managers' ones. A share whose
    /// entry has no such component gives nothing. Rows `PaymentChecks` refuses are left out.
    mutating func credit(_ payments: Payments, rows: Range<Int>, numbers: [Int32], deals: PaidDeals) {
        // Read through a copy made once: reading the worker's own table while the closure changes
        // the worker made a copy of it, three lists retained and released, row after row.
        let dealIDs = paidDealIDs.numbers
        deals.shares.withUnsafeBufferPointer { allShares in
            for row in payments.rows[rows] where row.paidDay <= index.runEnd {
                let number = Int(numbers[Int(row.deal)])
                let deal = deals[number]
                guard PaymentChecks.isCreditable(row, of: deal) else { continue }
                let amount = payments.amount(of: row), shares = UnsafeBufferPointer(rebasing: allShares[deal.shareRange])
                dealIDs.withKey(Int32(number)) { id in credit(row, amount: amount, of: deal, shares: shares, id: id) }
            }
        }
    }

    private mutating func credit(_ row: Payments.Row, amount: ExactDecimal, of deal: PaidDeal,
                                 shares: UnsafeBufferPointer<PaidDeal.Share>, id: RawBytes) {
        let paidDate = CalendarDate(dayNumber: Int(row.paidDay)), month = paidDate.yearMonth.ordinal
        for share in shares {
            let entry = index.entry(rep: share.rep, day: row.paidDay)
            guard entry >= 0 else {
                if month == index.runMonth.ordinal {
                    exceptions.append((Int(row.line), id.string,
                                       .noEntryForPayment(rep: index.repIDs[Int(share.rep)], on: paidDate)))
                }
                continue
            }
            guard !index.matches(.ownOnPayment, plan: Int(index.entries[entry].plan), pair: Int(deal.pair)).isEmpty else { continue }
            post(.payment, amount: amount, currency: deal.currency, rateMonth: month, pair: Int(deal.pair), id: id, rep: share.rep,
                 percent: share.percent, entry: entry, day: row.paidDay, monthOrdinal: month, line: Int(row.line))
        }
    }

    private mutating func rate(month: Int, from: Int16, to: Int16, line: Int) -> ExactDecimal? {
        if let rate = index.rate(month: month, from: from, to: to) { return rate }
        let key = MissingRate(month: YearMonth(ordinal: month), from: index.currencies[Int(from)].code,
                                           to: index.currencies[Int(to)].code)
        if missingRates[key] == nil { missingRates[key] = line }
        return nil
    }

    /// `exact.rounded(toScale: decimals).mantissa` (half away from zero), without a 128-bit
    /// division when the value fits in 64 bits: each power of ten is a literal, which the
    /// compiler turns into a multiplication.
    @inline(__always)
    static func rounded(_ exact: ExactDecimal, decimals: Int) -> Int128 {
        guard let value = Int64(exactly: exact.mantissa) else { return exact.rounded(toScale: decimals).mantissa }
        @inline(__always) func divided(by divisor: Int64) -> Int128 {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
            guard remainder.magnitude * 2 >= divisor else { return Int128(quotient) }
            return Int128(value < 0 ? quotient - 1 : quotient + 1)
        }
        switch exact.scale - decimals {
        case 1: return divided(by: 10)
        case 2: return divided(by: 100)
        case 3: return divided(by: 1_000)
        case 4: return divided(by: 10_000)
        case 5: return divided(by: 100_000)
        case 6: return divided(by: 1_000_000)
        case 7: return divided(by: 10_000_000)
        case 8: return divided(by: 100_000_000)
        case 9: return divided(by: 1_000_000_000)
        case 10: return divided(by: 10_000_000_000)
        default: return exact.rounded(toScale: decimals).mantissa
        }
    }

    /// The bytes up to the first `;` or `:` of a reps field (its first rep id, if it is valid).
    @inline(__always)
    private static func firstRep(_ field: RawBytes) -> RawBytes {
        var end = 0
        while end < field.count && field[end] != UInt8(ascii: ";") && field[end] != UInt8(ascii: ":") { end += 1 }
        return RawBytes(rebasing: field[0..<end])
    }

    /// The largest credit, SPIFF or roll-up copy comp adds up (10^15 minor units of the plan
    /// currency, ten trillion dollars): sums stay in 64 bits, and far below where the rate-table
    /// math would stop being exact.
    static let largestMinor: Int64 = 1_000_000_000_000_000

    /// Adds to a cell of `sums`; false, and `sumsOverflowed` set, instead of overflowing.
    @inline(__always)
    private mutating func add(_ value: Int64, to cell: Int) -> Bool {
        let (sum, overflow) = sums.base[cell].addingReportingOverflow(value)
        if overflow {
            sumsOverflowed = true
            return false
        }
        sums.base[cell] = sum
        return true
    }

    /// Logs a credit past `largestMinor`; false.
    private mutating func tooLarge(_ minor: Int128, currency: Currency, line: Int) -> Bool {
        rules.log.error(.wholeLine(rules.file, line),
                        "this deal makes a credit of \(currency.format(ExactDecimal(mantissa: minor, scale: currency.minorUnits))) \(currency.code), "
                            + "more than the \(currency.format(ExactDecimal(mantissa: Int128(CreditWorker.largestMinor), scale: currency.minorUnits))) comp accepts (are the amounts or fx rates right?)")
        return false
    }
}

private typealias RawBytes = UnsafeBufferPointer<UInt8>

private extension UnsafeBufferPointer where Element == UInt8 {
    static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }
}

/// One record's fields, reused from record to record: a class only to free the memory.
private final class FieldSlots {
    let base: UnsafeMutablePointer<RawBytes>

    init(count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: .empty, count: count)
    }

    deinit { base.deallocate() }
}
