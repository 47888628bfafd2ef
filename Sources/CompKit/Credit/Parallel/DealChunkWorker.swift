#if canImport(Glibc)
import Glibc
#endif
import CPlatform

/// Credits the deals of one byte range of a deals.csv on one thread: parses each row in place,
/// checks it by the rules of `DealRules`, and adds its credits, chargebacks and roll-up copies to
/// flat integer sums — the same arithmetic as `CreditEngine`, without a string or an array per row.
///
/// A row it cannot vouch for (any rule broken, a byte outside ASCII in a checked field, a possibly
/// repeated deal id) makes it give up: the run then goes the simple way, which reports every
/// problem with its line and column.
struct DealChunkWorker {
    let index: CreditIndex
    /// `index.reps`, held here: looking up through the index would retain its arrays per call.
    private let reps: ByteKeyTable
    private let columns: DealColumns
    private let width: Int
    private let deduplicator: DealIDFilter

    /// Credit sums, SPIFF sums and forecast actuals by `CreditIndex.cell`, in the plan
    /// currency's minor unit.
    let sums: IntegerTable<Int64>
    /// The run month's rows of credits.csv, written to a temporary file as they come.
    private var runMonth: CompactCredits.Writer
    /// What the finance reports gather from the deals.
    private(set) var finance: FinanceTally
    /// Exceptions and missing rates with their line counted from this worker's first line.
    private(set) var exceptions: [(line: Int, id: String, reason: String)] = []
    private(set) var missingRates: [CreditEngine.MissingRate: Int] = [:]
    private(set) var newlines = 0
    private(set) var dealRows = 0
    private(set) var won = 0
    private(set) var cancelled = 0
    /// Set when a row needs the simple path.
    private(set) var gaveUp = false
    /// Fingerprints of ids the filter may have seen before: checked exactly after the pass.
    private(set) var suspects: [UInt64] = []
    private var chain: [Int] = []
    /// The fields of the rows split but not yet credited (`waiting`): per row `width` fields and
    /// one more that stays empty (for absent columns).
    private let fields: FieldSlots
    /// Rows split but not yet credited, oldest first, in a ring of `lookahead + 1`. Crediting lags
    /// `lookahead` rows behind splitting so that the memory a row will need (its filter word, its
    /// first rep's slot, entries and cells, its manager's entry and cells) is requested while the
    /// rows before it are credited. The requests are hints only: rows are credited in file order
    /// whatever is cached.
    private var waiting: [WaitingRow]
    private var waitingStart = 0
    private var waitingCount = 0
    private static let lookahead = 10

    private struct WaitingRow {
        /// The row's first field in `fields`.
        var fields = 0
        var line = 0
        var fingerprint: UInt64 = 0
        /// The first rep's number once looked up (-1 if unknown, `notLookedUp` before).
        var firstRep = WaitingRow.notLookedUp
        /// The first rep's entry on the close day once looked up (-1 before or if none), and that day.
        var firstEntry: Int32 = -1
        var closeDay: Int32 = 0
        var closeMonth = 0

        static let notLookedUp: Int32 = -2
    }

    init(index: CreditIndex, columns: DealColumns, deduplicator: DealIDFilter) {
        self.index = index
        reps = index.reps
        self.columns = columns
        width = columns.width
        self.deduplicator = deduplicator
        sums = IntegerTable(count: index.cellCount)
        runMonth = CompactCredits.Writer(index: index)
        finance = FinanceTally(currencies: index.currencies.count)
        fields = FieldSlots(count: (columns.width + 1) * (DealChunkWorker.lookahead + 1))
        waiting = (0...DealChunkWorker.lookahead).map { WaitingRow(fields: $0 * (columns.width + 1)) }
    }

    /// Writes the last of the run month's rows and hands them over; throws `CompError.io` when
    /// they could not be written.
    mutating func takeRunMonth() throws -> CompactCredits {
        try runMonth.finish()
    }

    // MARK: Reading the range

    /// Reads `[start, end)` of the open file (`start` is a record's first byte) and credits every
    /// record that starts in it. Throws `InputFile.Failure` when reading fails.
    mutating func process(descriptor: Int32, start: Int, end: Int) throws {
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var filled = 0
        var fileOffset = start
        var atEnd = false
        while !gaveUp {
            // Fill the buffer after what is carried over.
            if !atEnd && filled < buffer.count {
                let count = buffer.withUnsafeMutableBytes { raw in
                    pread(descriptor, raw.baseAddress! + filled, raw.count - filled, off_t(fileOffset))
                }
                guard count >= 0 else { throw InputFile.Failure(message: "reading failed: \(String(cString: strerror(errno)))") }
                if count == 0 { atEnd = true }
                filled += count
                fileOffset += count
            }
            let consumedStart = fileOffset - filled
            let (used, done) = buffer.withUnsafeBufferPointer { all in
                records(in: UnsafeBufferPointer(rebasing: all[0..<filled]), fileOffset: consumedStart, rangeEnd: end, atEnd: atEnd)
            }
            if done { return }
            if used == 0 {
                // A record longer than the buffer: allow up to the reader's record limit.
                guard !atEnd, buffer.count < CSVReader.maxRecordBytes * 2 else { gaveUp = true; return }
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

    /// Handles the complete records in `bytes`; returns how many bytes it used, and whether the
    /// range is finished (the next record starts at or after `rangeEnd`).
    /// Every row waiting is credited before it returns (`bytes` may move afterwards).
    private mutating func records(in bytes: UnsafeBufferPointer<UInt8>, fileOffset: Int, rangeEnd: Int, atEnd: Bool) -> (Int, Bool) {
        var position = 0
        defer { while waitingCount > 0 && !gaveUp { creditOldest() } }
        while position < bytes.count {
            if fileOffset + position >= rangeEnd { return (position, true) }
            guard let next = record(bytes, from: position, atEnd: atEnd) else { return (position, false) }
            position = next
            if gaveUp { return (position, true) }
        }
        return (position, atEnd || fileOffset + position >= rangeEnd)
    }

    /// Requests what the rows waiting will need, a step further every two rows of age (each step
    /// needs what the one before loaded), and credits the oldest once `lookahead` rows are
    /// waiting behind it.
    private mutating func advanceWaiting() {
        let ring = DealChunkWorker.lookahead + 1
        func slot(_ age: Int) -> Int { (waitingStart + waitingCount - 1 - age) % ring }
        // The newest row: its filter word and its first rep's slot.
        let newest = slot(0)
        let row = fields.base + waiting[newest].fields
        waiting[newest].fingerprint = DealIDRegistry.fingerprint(row[columns.id])
        deduplicator.prefetch(waiting[newest].fingerprint)
        reps.prefetch(DealChunkWorker.firstRep(row[columns.reps]))
        // Then its first rep's number (the slot is cached by now), and its entry range.
        if waitingCount > 2 {
            let older = slot(2)
            let rep = reps.lookup(DealChunkWorker.firstRep(fields.base[waiting[older].fields + columns.reps]))
            waiting[older].firstRep = rep
            if rep >= 0 { index.prefetchEntryRange(rep: rep) }
        }
        // Then its first entry.
        if waitingCount > 4, waiting[slot(4)].firstRep >= 0 { index.prefetchEntries(rep: waiting[slot(4)].firstRep) }
        // Then the first rep's cells of the close month, and its manager's first entry.
        if waitingCount > 6, waiting[slot(6)].firstRep >= 0,
           let close = DealChunkWorker.date(fields.base[waiting[slot(6)].fields + columns.closeDate]) {
            let older = slot(6)
            let entry = index.entry(rep: waiting[older].firstRep, day: close.day)
            if entry >= 0 {
                (waiting[older].firstEntry, waiting[older].closeDay, waiting[older].closeMonth) = (Int32(entry), close.day, close.month)
                let own = index.entries[entry]
                let month = index.countedMonth(day: close.day, monthOrdinal: close.month, plan: Int(own.plan))
                if month > 0 { comp_prefetch_for_write(sums.base + index.cell(entry: own, month: month, slot: 0)) }
                if own.managerStart < own.managerEnd { index.prefetchEntry(Int(own.managerStart)) }
            }
        }
        // Then the manager's roll-up cells of that month.
        if waitingCount > 8, waiting[slot(8)].firstEntry >= 0 {
            let row = waiting[slot(8)]
            let manager = index.managerEntry(of: Int(row.firstEntry), day: row.closeDay)
            if manager >= 0 {
                let managerEntry = index.entries[manager]
                let month = index.countedMonth(day: row.closeDay, monthOrdinal: row.closeMonth, plan: Int(managerEntry.plan))
                if month > 0 { comp_prefetch_for_write(sums.base + index.cell(entry: managerEntry, month: month, slot: 1)) }
            }
        }
        if waitingCount > DealChunkWorker.lookahead { creditOldest() }
    }

    private mutating func creditOldest() {
        let oldest = waiting[waitingStart]
        waitingStart = (waitingStart + 1) % (DealChunkWorker.lookahead + 1)
        waitingCount -= 1
        credit(fields: fields.base + oldest.fields, line: oldest.line, fingerprint: oldest.fingerprint, firstRep: oldest.firstRep)
    }

    /// Splits one record into `fields` and puts it in line to be credited; returns where the next
    /// record starts, or nil when the record is not complete in `bytes`.
    private mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        let end = bytes.count
        let next = (waitingStart + waitingCount) % (DealChunkWorker.lookahead + 1)
        let fields = self.fields.base + waiting[next].fields
        // Blank lines are skipped.
        if bytes[start] == 0x0A { newlines += 1; return start + 1 }
        if bytes[start] == 0x0D, start + 1 < end, bytes[start + 1] == 0x0A { newlines += 1; return start + 2 }
        // The line end and any quote are found with memchr; quoted fields are rare in exports and
        // the simple path handles their unescaping.
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var lineEnd = end
        if let newline = memchr(base + start, 0x0A, end - start) {
            lineEnd = UnsafeRawPointer(newline) - base
        } else if !atEnd {
            return nil
        }
        if memchr(base + start, Int32(UInt8(ascii: "\"")), lineEnd - start) != nil { gaveUp = true; return end }
        // A CR counts as a line end only before LF (as in the simple reader); a lone CR is data.
        var valueEnd = lineEnd
        if lineEnd < end && valueEnd > start && bytes[valueEnd - 1] == 0x0D { valueEnd -= 1 }
        var field = 0
        var fieldStart = start
        // Commas eight bytes at a time (a comma is a zero byte of the word XOR ",,,,,,,,"), the
        // last few bytes one by one.
        var wordStart = start
        while wordStart + 8 <= valueEnd {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: wordStart, as: UInt64.self)) ^ 0x2C2C_2C2C_2C2C_2C2C
            var commas = ByteWord.zeroBytes(word)
            while commas != 0 {
                let comma = wordStart + commas.trailingZeroBitCount / 8
                guard field < width else { gaveUp = true; return end }
                fields[field] = UnsafeBufferPointer(rebasing: bytes[fieldStart..<comma])
                field += 1
                fieldStart = comma + 1
                commas &= commas &- 1
            }
            wordStart += 8
        }
        for position in wordStart..<valueEnd where bytes[position] == UInt8(ascii: ",") {
            guard field < width else { gaveUp = true; return end }
            fields[field] = UnsafeBufferPointer(rebasing: bytes[fieldStart..<position])
            field += 1
            fieldStart = position + 1
        }
        guard field < width else { gaveUp = true; return end }
        fields[field] = UnsafeBufferPointer(rebasing: bytes[fieldStart..<valueEnd])
        field += 1
        let lines = lineEnd < end ? 1 : 0
        let position = lineEnd < end ? lineEnd + 1 : end
        guard field == width else { gaveUp = true; return end }
        dealRows += 1
        waiting[next].line = newlines
        waiting[next].firstRep = WaitingRow.notLookedUp
        waiting[next].firstEntry = -1
        waitingCount += 1
        advanceWaiting()
        newlines += lines
        return min(position, end)
    }

    // MARK: Checking and crediting one row

    private struct ParsedDeal {
        var closeDay: Int32
        var closeMonth: Int
        var amount: ExactDecimal
        var currency: Int16
        var cancelDay: Int32
        var cancelMonth: Int
    }

    /// The current deal's split: `splitCount` reps and percents (the arrays are reused).
    private var splitReps: [Int32] = []
    private var splitPercents: [ExactDecimal] = []
    private var splitCount = 0

    /// Checks and credits the row whose fields start at `fields`; `fingerprint` is its id's, `firstRep`
    /// its first rep's number if already looked up.
    private mutating func credit(fields: UnsafeMutablePointer<RawBytes>, line: Int, fingerprint: UInt64, firstRep: Int32) {
        let id = fields[columns.id]
        guard DealChunkWorker.isToken(id) else { gaveUp = true; return }
        let repsField = fields[columns.reps]
        let typeField = fields[columns.type], productField = fields[columns.product]
        guard let close = DealChunkWorker.date(fields[columns.closeDate]),
              let amount = DealChunkWorker.amount(fields[columns.amount]),
              !amount.isZero, DealChunkWorker.isToken(typeField), productField.isEmpty || DealChunkWorker.isToken(productField)
        else { gaveUp = true; return }
        let currency = index.currency(fields[columns.currency])
        guard currency >= 0 else { gaveUp = true; return }
        let statusField = fields[columns.status], cancelField = fields[columns.cancelDate], createdField = fields[columns.createdDate]
        var isCancelled = false
        if statusField.equals("cancelled") {
            isCancelled = true
        } else if !(statusField.isEmpty || statusField.equals("won")) {
            gaveUp = true
            return
        }
        var cancel = (day: Int32(0), month: 0)
        if !cancelField.isEmpty {
            guard isCancelled, let date = DealChunkWorker.date(cancelField), date.day >= close.day else { gaveUp = true; return }
            cancel = date
        } else if isCancelled {
            gaveUp = true
            return
        }
        var createdDay: Int32?
        if !createdField.isEmpty {
            guard let created = DealChunkWorker.date(createdField) else { gaveUp = true; return }
            createdDay = created.day
        }
        guard splits(repsField, firstRep: firstRep) else { gaveUp = true; return }
        if !deduplicator.insert(fingerprint) { suspects.append(fingerprint) }
        if isCancelled { cancelled += 1 } else { won += 1 }

        let runMonthOrdinal = index.runMonth.ordinal
        if isCancelled && cancel.month == runMonthOrdinal { finance.cancelledInMonth += 1 }
        if close.month == runMonthOrdinal { tallyClosing(close: close.day, created: createdDay, amount: amount, currency: currency, id: id) }
        guard close.day <= index.runEnd else { return }
        let deal = ParsedDeal(closeDay: close.day, closeMonth: close.month, amount: amount, currency: currency,
                              cancelDay: cancel.day, cancelMonth: cancel.month)
        let pair = index.tokenPair(type: typeField, product: productField)
        for share in 0..<splitCount {
            let rep = splitReps[share], percent = splitPercents[share]
            let entry = index.entry(rep: rep, day: close.day)
            guard entry >= 0 else {
                if close.month == runMonthOrdinal {
                    exceptions.append((line, id.string, CreditException.noEntry(rep: index.repIDs[Int(rep)],
                                                                                on: CalendarDate(dayNumber: Int(close.day)))))
                }
                continue
            }
            post(.credit, deal: deal, pair: pair, id: id, rep: rep, percent: percent, entry: entry, day: close.day,
                 monthOrdinal: close.month, line: line)
            if isCancelled && cancel.day <= index.runEnd {
                chargeBack(deal, pair: pair, id: id, rep: rep, percent: percent, creditedTo: entry, line: line)
            }
        }
    }

    /// A `YYYY-MM-DD` field as a day number and month ordinal, by the rules of
    /// `CalendarDate(parsing:)`; nil when it is not a real date.
    @inline(__always)
    private static func date(_ field: RawBytes) -> (day: Int32, month: Int)? {
        guard field.count == 10, field[4] == UInt8(ascii: "-"), field[7] == UInt8(ascii: "-") else { return nil }
        var notDigit = false
        @inline(__always) func digit(_ position: Int) -> Int {
            let value = field[position] &- UInt8(ascii: "0")
            notDigit = notDigit || value > 9
            return Int(value)
        }
        let digits = (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), digit(5) * 10 + digit(6), digit(8) * 10 + digit(9))
        guard !notDigit else { return nil }
        let month = digits.0 * 12 + digits.1 - 1
        let row = month - DealChunkWorker.firstTabledYear * 12
        if digits.1 >= 1 && digits.1 <= 12 && row >= 0 && row + 1 < DealChunkWorker.monthStarts.count {
            let start = DealChunkWorker.monthStarts[row], length = DealChunkWorker.monthStarts[row + 1] - start
            guard digits.2 >= 1 && digits.2 <= length else { return nil }
            return (start + Int32(digits.2 - 1), month)
        }
        guard let date = CalendarDate(year: digits.0, month: digits.1, day: digits.2) else { return nil }
        return (Int32(date.dayNumber), month)
    }

    /// The day number of the first of each month from 1900 to 2199 (and of 2200-01-01): a date in
    /// those years is one lookup, its month's length the step to the next entry.
    private static let firstTabledYear = 1900
    private static let monthStarts: [Int32] = (firstTabledYear * 12...2200 * 12).map { month in
        Int32(CalendarDate(year: month / 12, month: month % 12 + 1, day: 1)!.dayNumber)
    }

    /// `ExactDecimal.parse(field, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits)`,
    /// nil for any failure; in 64 bits while the digits fit (every amount in practice), else by
    /// that parser.
    @inline(__always)
    private static func amount(_ field: RawBytes) -> ExactDecimal? {
        var value: Int64 = 0
        var integerDigits = 0, decimals = 0, seenPoint = false
        for byte in field {
            if byte == UInt8(ascii: ".") {
                if seenPoint || integerDigits == 0 { return nil }
                seenPoint = true
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            if seenPoint {
                decimals += 1
                if decimals > 6 { return nil }
            } else {
                integerDigits += 1
                if integerDigits > DealRules.maxAmountIntegerDigits && value != 0 { return nil }
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, carry) = shifted.addingReportingOverflow(Int64(digit))
            if overflow || carry {
                guard case .success(let parsed) = ExactDecimal.parse(field, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits)
                else { return nil }
                return parsed
            }
            value = next
        }
        if integerDigits == 0 || (seenPoint && decimals == 0) { return nil }
        return ExactDecimal(mantissa: Int128(value), scale: decimals)
    }

    /// `DealActivity.observe`'s count of a deal closed in the run month.
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

    private mutating func chargeBack(_ deal: ParsedDeal, pair: Int, id: RawBytes, rep: Int32,
                            percent: ExactDecimal, creditedTo entry: Int, line: Int) {
        let plan = Int(index.entries[entry].plan)
        let cancelDate = CalendarDate(dayNumber: Int(deal.cancelDay))
        let reported = deal.cancelMonth == index.runMonth.ordinal
        let days = Int(deal.cancelDay - deal.closeDay)
        let window = Int(index.plans[plan].clawbackDays)
        guard window >= 0 else {
            if reported {
                exceptions.append((line, id.string, CreditException.noClawback(rep: index.repIDs[Int(rep)], plan: index.book.plans[plan].id,
                                                                               cancelDate: cancelDate)))
            }
            return
        }
        guard days <= window else {
            if reported {
                exceptions.append((line, id.string, CreditException.outsideWindow(rep: index.repIDs[Int(rep)], plan: index.book.plans[plan].id,
                                                                                  days: days, window: window)))
            }
            return
        }
        let landing = index.entry(rep: rep, day: deal.cancelDay)
        guard landing >= 0 else {
            if reported {
                exceptions.append((line, id.string, CreditException.noEntryOnCancel(rep: index.repIDs[Int(rep)], cancelDate: cancelDate)))
            }
            return
        }
        post(.chargeback, deal: deal, pair: pair, id: id, rep: rep, percent: percent, entry: landing, day: deal.cancelDay,
             monthOrdinal: deal.cancelMonth, line: line)
    }

    /// `CreditEngine.post`, on indices and integer sums.
    private mutating func post(_ kind: CreditTotals.CreditRow.Kind, deal: ParsedDeal, pair: Int, id: RawBytes, rep: Int32,
                      percent: ExactDecimal, entry: Int, day: Int32, monthOrdinal: Int, line: Int) {
        let own = index.entries[entry]
        let plan = Int(own.plan)
        let planInfo = index.plans[plan]
        let ownMonth = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: plan)
        let ownCells = ownMonth > 0 ? index.cell(entry: own, month: ownMonth, slot: 0) : 0
        if ownMonth > 0 { comp_prefetch_for_write(sums.base + ownCells) }
        let inRunMonth = monthOrdinal == index.runMonth.ordinal
        index.managerChain(entry: entry, day: day, into: &chain)
        var anyManager = false
        for manager in chain {
            let managerEntry = index.entries[manager]
            let managerPlan = Int(managerEntry.plan)
            let month = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: managerPlan)
            if month > 0 && !index.matches(.team, plan: managerPlan, pair: pair).isEmpty {
                anyManager = true
                comp_prefetch_for_write(sums.base + index.cell(entry: managerEntry, month: month, slot: 1))
            }
        }
        if ownMonth == 0 && inRunMonth {
            exceptions.append((line, id.string, CreditException.planOutsideRun(
                rep: index.repIDs[Int(rep)], date: CalendarDate(dayNumber: Int(day)), plan: index.book.plans[plan].id,
                runMonth: index.runMonth, kind: kind)))
        }
        guard ownMonth > 0 || anyManager else { return }
        let planCurrency = planInfo.currency
        let exact: ExactDecimal, rateKey: Int
        if deal.currency == planCurrency {
            // A rate of 1: amount × 1 × percent × 1/100 is the product of the two mantissas.
            exact = ExactDecimal(mantissa: deal.amount.mantissa * percent.mantissa, scale: deal.amount.scale + percent.scale + 2)
            rateKey = -1
        } else {
            guard let rate = rate(month: deal.closeMonth, from: deal.currency, to: planCurrency, line: line) else { return }
            exact = CreditMath.convertedShare(amount: deal.amount, rate: rate, percent: percent)
            rateKey = CreditIndex.rateKey(month: deal.closeMonth, from: deal.currency, to: planCurrency)
        }
        let magnitude = DealChunkWorker.rounded(exact, decimals: planInfo.minorUnits)
        // Sums stay in 64 bits here; anything larger goes to the simple pass (and its limit check).
        guard let unsigned = Int64(exactly: magnitude), unsigned < DealChunkWorker.largestMinor else { gaveUp = true; return }
        let minor = kind == .chargeback ? -unsigned : unsigned
        /// The credit as `ExactDecimal`, for the rarer paths (SPIFFs, conversion for a manager).
        var amount: ExactDecimal { ExactDecimal(mantissa: Int128(minor), scale: planInfo.minorUnits) }
        if kind == .credit && ownMonth > 0 {
            // Forecast actuals and the control totals' credits in and out (DealActivity).
            guard add(minor, to: ownCells) else { return }
            if inRunMonth {
                let tally = finance.runMonthCredits[Int(planCurrency)]
                guard let amountIn = FinanceArithmetic.sum(tally.amountIn, exact.rounded(toScale: min(exact.scale, FinanceArithmetic.scale))),
                      FinanceArithmetic.isInRange(amountIn) else { gaveUp = true; return }
                finance.runMonthCredits[Int(planCurrency)] = (tally.count + 1, amountIn, tally.creditOut + minor)
            }
        }
        if inRunMonth { runMonth.startShare() }
        func row(_ kind: CreditTotals.CreditRow.Kind, rep: Int32, plan: Int, component: Int16, credit: Int64) {
            runMonth.add(kind: kind, rep: rep, plan: Int16(plan), component: component, day: day, credit: credit, id: id) {
                CompactCredits.Share(amount: deal.amount, currency: deal.currency, rateKey: rateKey, percent: percent, idStart: 0, idLength: 0)
            }
        }

        if ownMonth > 0 {
            let components = index.matches(.own, plan: plan, pair: pair)
            for position in components { guard add(minor, to: ownCells + 1 + index.match(at: position)) else { return } }
            for position in index.matches(.spiff, plan: plan, pair: pair) {
                let spiff = index.match(at: position)
                let value = SpiffMath.amount(index.book.plans[plan].spiffs[spiff], percent: percent, credit: amount,
                                             isReversal: kind == .chargeback, currency: index.planCurrency[plan])
                guard let spiffMinor = Int64(exactly: value.rounded(toScale: planInfo.minorUnits).mantissa),
                      abs(spiffMinor) < DealChunkWorker.largestMinor else { gaveUp = true; return }
                guard add(spiffMinor, to: ownCells + planInfo.firstSpiffSlot + spiff) else { return }
            }
            if inRunMonth {
                if components.isEmpty { row(kind, rep: rep, plan: plan, component: -1, credit: minor) }
                for position in components { row(kind, rep: rep, plan: plan, component: Int16(index.match(at: position)), credit: minor) }
            }
        }
        for manager in chain {
            let managerEntry = index.entries[manager]
            let managerPlan = Int(managerEntry.plan)
            let month = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: managerPlan)
            let components = index.matches(.team, plan: managerPlan, pair: pair)
            guard month > 0, !components.isEmpty else { continue }
            var copy = minor
            let managerCurrency = index.plans[managerPlan].currency
            if managerCurrency != planCurrency {
                guard let conversion = self.rate(month: deal.closeMonth, from: planCurrency, to: managerCurrency, line: line) else { continue }
                guard let converted = Int64(exactly: index.planCurrency[managerPlan].round(amount * conversion).mantissa),
                      abs(converted) < DealChunkWorker.largestMinor else { gaveUp = true; return }
                copy = converted
            }
            let cells = index.cell(entry: managerEntry, month: month, slot: 1)
            for position in components {
                let component = index.match(at: position)
                guard add(copy, to: cells + component) else { return }
                if inRunMonth { row(.rollup, rep: managerEntry.rep, plan: managerPlan, component: Int16(component), credit: copy) }
            }
        }
    }

    private mutating func rate(month: Int, from: Int16, to: Int16, line: Int) -> ExactDecimal? {
        if let rate = index.rate(month: month, from: from, to: to) { return rate }
        let key = CreditEngine.MissingRate(month: YearMonth(ordinal: month), from: index.currencies[Int(from)].code,
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

    /// Parses `reps` into `splitReps` and `splitPercents` by the rules of `DealRules.splits`;
    /// `firstRep` is the first rep's number when the prefetching already looked it up.
    private mutating func splits(_ field: UnsafeBufferPointer<UInt8>, firstRep: Int32) -> Bool {
        splitCount = 0
        guard !field.isEmpty else { return false }
        var total: Int128 = 0
        var start = 0
        var withoutPercent = 0
        while start <= field.count {
            var end = start
            while end < field.count && field[end] != UInt8(ascii: ";") { end += 1 }
            let part = UnsafeBufferPointer(rebasing: field[start..<end])
            var repPart = part
            var percent = ExactDecimal(100)
            if let colon = part.firstIndex(of: UInt8(ascii: ":")) {
                repPart = UnsafeBufferPointer(rebasing: part[part.startIndex..<colon])
                guard case .success(let value) = ExactDecimal.parse(UnsafeBufferPointer(rebasing: part[(colon + 1)...]), maxDecimals: 2, maxIntegerDigits: 3),
                      !value.isZero else { return false }
                percent = value
            } else {
                withoutPercent += 1
            }
            guard DealChunkWorker.isToken(repPart) else { return false }
            let rep = start == 0 && firstRep != WaitingRow.notLookedUp ? firstRep : reps.lookup(repPart)
            guard rep >= 0, !splitReps[0..<splitCount].contains(rep) else { return false }
            if splitCount < splitReps.count {
                splitReps[splitCount] = rep
                splitPercents[splitCount] = percent
            } else {
                splitReps.append(rep)
                splitPercents.append(percent)
            }
            splitCount += 1
            total += percent.widened(to: 2).mantissa
            start = end + 1
        }
        return (withoutPercent == 0 || splitCount == 1) && total == 10_000
    }

    /// The largest credit this pass adds in 64 bits (10^15 minor units); a run with larger credits,
    /// or sums that would overflow, goes the simple way (whose limit check reports it).
    static let largestMinor: Int64 = 1_000_000_000_000_000

    /// Adds to a cell of `sums`; false (and the pass gives up) instead of overflowing.
    @inline(__always)
    private mutating func add(_ value: Int64, to cell: Int) -> Bool {
        let (sum, overflow) = sums.base[cell].addingReportingOverflow(value)
        if overflow { gaveUp = true; return false }
        sums.base[cell] = sum
        return true
    }

    /// A non-empty ASCII token of at most `DealRules.maxTokenBytes` bytes without white space.
    @inline(__always)
    static func isToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= DealRules.maxTokenBytes else { return false }
        for byte in bytes where byte <= 0x20 || byte >= 0x80 {
            return false
        }
        return true
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

/// Where each column of deals.csv is in a record; a column the header lacks points just past the
/// record's fields (at one that stays empty).
struct DealColumns {
    let width: Int
    let id, closeDate, amount, currency, type, product, reps, status, cancelDate, createdDate: Int

    init(header: [String]) {
        width = header.count
        func position(_ name: String) -> Int { header.firstIndex(of: name) ?? header.count }
        id = position("deal_id")
        closeDate = position("close_date")
        amount = position("amount")
        currency = position("currency")
        type = position("type")
        product = position("product")
        reps = position("reps")
        status = position("status")
        cancelDate = position("cancel_date")
        createdDate = position("created_date")
    }
}

/// A fixed-size filter of deal-id fingerprints shared by the worker threads: memory does not grow
/// with the number of deals past its cap. Six bits of one 64-bit word per id, set with one atomic
/// OR, so of two threads inserting the same id exactly one finds it new. A "seen before" answer may
/// be a false alarm (tens to hundreds at ten million deals): those ids are compared exactly in a
/// second, id-only scan (`DealIDProbe`).
final class DealIDFilter {
    private let words: IntegerTable<UInt64>
    private let mask: Int

    init(log2Words: Int) {
        words = IntegerTable(count: 1 << log2Words)
        mask = words.count - 1
    }

    /// 2^22 words (32 MiB) whatever the input's size, so that memory stays flat in the number of
    /// deals: at ten million deals a few thousand false alarms, each only a little work for the
    /// exact scan.
    static let log2Words = 22

    /// Starts loading the word of a fingerprint, so that `insert` later need not wait for it.
    @inline(__always)
    func prefetch(_ fingerprint: UInt64) {
        comp_prefetch_for_write(words.base + (Int(truncatingIfNeeded: fingerprint) & mask))
    }

    /// Records an id by its `DealIDRegistry.fingerprint`; false when it may have been seen before
    /// (then the caller checks exactly).
    @inline(__always)
    func insert(_ fingerprint: UInt64) -> Bool {
        let word = Int(truncatingIfNeeded: fingerprint) & mask
        var bits: UInt64 = 0
        var rest = fingerprint >> 32
        for _ in 0..<6 {
            bits |= 1 << (rest & 63)
            rest = (rest >> 6) &* 0x9E37_79B9 &+ (rest & 63)
        }
        let before = comp_atomic_fetch_or(words.base + word, bits)
        return before & bits != bits
    }
}
