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
final class DealChunkWorker {
    let index: CreditIndex
    private let columns: [DealColumn]
    private let width: Int
    private let deduplicator: DealIDFilter

    private(set) var credits: [Int64]
    private(set) var spiffs: [Int64]
    /// The run month's rows of credits.csv.
    private(set) var runMonth = CompactCredits()
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
    /// When set, the worker only collects the ids whose fingerprints are in it (the exact check).
    var probe: Set<UInt64>?
    private(set) var probedIDs: [[UInt8]] = []
    private var chain: [Int] = []
    private var fields: [UnsafeBufferPointer<UInt8>]

    init(index: CreditIndex, columns: [DealColumn], deduplicator: DealIDFilter) {
        self.index = index
        self.columns = columns
        width = columns.count
        self.deduplicator = deduplicator
        credits = Array(repeating: 0, count: index.creditCells)
        finance = FinanceTally(entries: index.entryRef.count)
        spiffs = Array(repeating: 0, count: index.spiffCells)
        fields = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: columns.count)
    }

    // MARK: Reading the range

    /// Reads `[start, end)` of the open file (`start` is a record's first byte) and credits every
    /// record that starts in it. Throws `InputFile.Failure` when reading fails.
    func process(descriptor: Int32, start: Int, end: Int) throws {
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
    private func records(in bytes: UnsafeBufferPointer<UInt8>, fileOffset: Int, rangeEnd: Int, atEnd: Bool) -> (Int, Bool) {
        var position = 0
        while position < bytes.count {
            if fileOffset + position >= rangeEnd { return (position, true) }
            guard let next = record(bytes, from: position, atEnd: atEnd) else { return (position, false) }
            position = next
            if gaveUp { return (position, true) }
        }
        return (position, atEnd || fileOffset + position >= rangeEnd)
    }

    /// Splits one record into `fields` and credits it; returns where the next record starts, or
    /// nil when the record is not complete in `bytes`.
    private func record(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        let end = bytes.count
        var position = start
        var lines = 0
        // Blank lines are skipped.
        if bytes[position] == 0x0A { newlines += 1; return position + 1 }
        if bytes[position] == 0x0D, position + 1 < end, bytes[position + 1] == 0x0A { newlines += 1; return position + 2 }
        var field = 0
        while true {
            var fieldEnd = position
            if bytes[position] == UInt8(ascii: "\"") {
                // Quoted fields are rare in exports; the simple path handles their unescaping.
                gaveUp = true
                return end
            }
            while fieldEnd < end {
                let byte = bytes[fieldEnd]
                if byte == UInt8(ascii: ",") || byte == 0x0A { break }
                if byte == UInt8(ascii: "\"") { gaveUp = true; return end }
                fieldEnd += 1
            }
            if fieldEnd == end && !atEnd { return nil }
            var valueEnd = fieldEnd
            let endsRecord = fieldEnd == end || bytes[fieldEnd] == 0x0A
            // A CR counts as a line end only before LF (as in the simple reader); a lone CR is data.
            if endsRecord && fieldEnd < end && valueEnd > position && bytes[valueEnd - 1] == 0x0D { valueEnd -= 1 }
            guard field < width else { gaveUp = true; return end }
            fields[field] = UnsafeBufferPointer(rebasing: bytes[position..<valueEnd])
            field += 1
            position = fieldEnd + 1
            if endsRecord {
                if fieldEnd < end { lines += 1 }
                break
            }
            if position >= end {
                if !atEnd { return nil }
                // "a," at the very end: one more, empty field.
                guard field < width else { gaveUp = true; return end }
                fields[field] = UnsafeBufferPointer(start: nil, count: 0)
                field += 1
                break
            }
        }
        guard field == width else { gaveUp = true; return end }
        dealRows += 1
        if let probe {
            let id = fields[columns.firstIndex(of: .id)!]
            if probe.contains(DealIDRegistry.fingerprint(id)) { probedIDs.append(Array(id)) }
        } else {
            credit(line: newlines)
        }
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
    }

    private var splitReps: [Int32] = []
    private var splitPercents: [ExactDecimal] = []

    private func credit(line: Int) {
        var id = RawBytes.empty, closeField = RawBytes.empty, amountField = RawBytes.empty, currencyField = RawBytes.empty
        var typeField = RawBytes.empty, productField = RawBytes.empty, repsField = RawBytes.empty
        var statusField = RawBytes.empty, cancelField = RawBytes.empty, createdField = RawBytes.empty
        for column in 0..<width {
            switch columns[column] {
            case .id: id = fields[column]
            case .closeDate: closeField = fields[column]
            case .amount: amountField = fields[column]
            case .currency: currencyField = fields[column]
            case .type: typeField = fields[column]
            case .product: productField = fields[column]
            case .reps: repsField = fields[column]
            case .status: statusField = fields[column]
            case .cancelDate: cancelField = fields[column]
            case .createdDate: createdField = fields[column]
            case .ignored: break
            }
        }
        guard DealChunkWorker.isToken(id), let close = CalendarDate(parsing: closeField),
              case .success(let amount) = ExactDecimal.parse(amountField, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits),
              !amount.isZero, DealChunkWorker.isToken(typeField), productField.isEmpty || DealChunkWorker.isToken(productField)
        else { gaveUp = true; return }
        let currency = index.currency(currencyField)
        guard currency >= 0 else { gaveUp = true; return }
        var isCancelled = false
        if statusField.equals("cancelled") {
            isCancelled = true
        } else if !(statusField.isEmpty || statusField.equals("won")) {
            gaveUp = true
            return
        }
        var cancelDay: Int32 = 0
        if !cancelField.isEmpty {
            guard isCancelled, let cancel = CalendarDate(parsing: cancelField), cancel >= close else { gaveUp = true; return }
            cancelDay = Int32(cancel.dayNumber)
        } else if isCancelled {
            gaveUp = true
            return
        }
        var created: CalendarDate?
        if !createdField.isEmpty {
            created = CalendarDate(parsing: createdField)
            if created == nil { gaveUp = true; return }
        }
        guard splits(repsField) else { gaveUp = true; return }
        if !deduplicator.insert(id) { suspects.append(DealIDRegistry.fingerprint(id)) }
        if isCancelled { cancelled += 1 } else { won += 1 }

        let closeDay = Int32(close.dayNumber)
        tallyDeal(close: close, created: created, cancelDay: isCancelled ? cancelDay : nil, amount: amount, currency: currency, id: id)
        guard closeDay <= index.runEnd else { return }
        let deal = ParsedDeal(closeDay: closeDay, closeMonth: close.yearMonth.ordinal, amount: amount, currency: currency,
                              cancelDay: cancelDay)
        let pair = index.tokenPair(type: typeField, product: productField)
        for share in 0..<splitReps.count {
            let rep = splitReps[share], percent = splitPercents[share]
            let entry = index.entry(rep: rep, day: closeDay)
            guard entry >= 0 else {
                if close.yearMonth == index.runMonth {
                    exceptions.append((line, id.string, CreditException.noEntry(rep: index.repIDs[Int(rep)], on: close)))
                }
                continue
            }
            post(.credit, deal: deal, pair: pair, id: id, rep: rep, percent: percent, entry: entry, day: closeDay, line: line)
            if isCancelled && cancelDay <= index.runEnd {
                chargeBack(deal, pair: pair, id: id, rep: rep, percent: percent, creditedTo: entry, line: line)
            }
        }
    }

    /// `DealActivity.observe`'s per-deal counts: cancellations and closings of the run month.
    private func tallyDeal(close: CalendarDate, created: CalendarDate?, cancelDay: Int32?, amount: ExactDecimal, currency: Int16,
                           id: UnsafeBufferPointer<UInt8>) {
        if let cancelDay, CalendarDate(dayNumber: Int(cancelDay)).yearMonth == index.runMonth { finance.cancelledInMonth += 1 }
        guard close.yearMonth == index.runMonth else { return }
        let closed = finance.closedInMonth[currency] ?? (0, .zero)
        finance.closedInMonth[currency] = (closed.count + 1, closed.total + amount)
        let watched = index.watched.lookup(id)
        if watched >= 0 { finance.closedWatched.insert(watched) }
        if let created, created <= close {
            finance.cycleDays += close.dayNumber - created.dayNumber
            finance.cycleDeals += 1
        }
    }

    private func chargeBack(_ deal: ParsedDeal, pair: Int, id: UnsafeBufferPointer<UInt8>, rep: Int32,
                            percent: ExactDecimal, creditedTo entry: Int, line: Int) {
        let plan = index.entryRef[entry].plan
        let cancelDate = CalendarDate(dayNumber: Int(deal.cancelDay))
        let reported = cancelDate.yearMonth == index.runMonth
        let days = Int(deal.cancelDay - deal.closeDay)
        let window = Int(index.planClawback[plan])
        let repID = index.repIDs[Int(rep)], planID = index.book.plans[plan].id
        guard window >= 0 else {
            if reported { exceptions.append((line, id.string, CreditException.noClawback(rep: repID, plan: planID, cancelDate: cancelDate))) }
            return
        }
        guard days <= window else {
            if reported {
                exceptions.append((line, id.string, CreditException.outsideWindow(rep: repID, plan: planID, days: days, window: window)))
            }
            return
        }
        let landing = index.entry(rep: rep, day: deal.cancelDay)
        guard landing >= 0 else {
            if reported { exceptions.append((line, id.string, CreditException.noEntryOnCancel(rep: repID, cancelDate: cancelDate))) }
            return
        }
        post(.chargeback, deal: deal, pair: pair, id: id, rep: rep, percent: percent, entry: landing, day: deal.cancelDay, line: line)
    }

    /// `CreditEngine.post`, on indices and integer sums.
    private func post(_ kind: CreditTotals.CreditRow.Kind, deal: ParsedDeal, pair: Int, id: UnsafeBufferPointer<UInt8>, rep: Int32,
                      percent: ExactDecimal, entry: Int, day: Int32, line: Int) {
        let plan = index.entryRef[entry].plan
        let date = CalendarDate(dayNumber: Int(day))
        let monthOrdinal = date.yearMonth.ordinal
        let ownMonth = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: plan)
        let inRunMonth = monthOrdinal == index.runMonth.ordinal
        index.managerChain(entry: entry, day: day, into: &chain)
        var anyManager = false
        for manager in chain {
            let managerPlan = index.entryRef[manager].plan
            if index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: managerPlan) > 0 && !index.teamMatches[managerPlan][pair].isEmpty {
                anyManager = true
                break
            }
        }
        if ownMonth == 0 && inRunMonth {
            exceptions.append((line, id.string, CreditException.planOutsideRun(
                rep: index.repIDs[Int(rep)], date: date, plan: index.book.plans[plan].id, runMonth: index.runMonth, kind: kind)))
        }
        guard ownMonth > 0 || anyManager else { return }
        let currency = index.planCurrency[plan]
        let planCurrencyNumber = index.planCurrencyNumber[plan]
        guard let rate = rate(month: deal.closeMonth, from: deal.currency, to: planCurrencyNumber, line: line) else { return }
        let rateKey = deal.currency == planCurrencyNumber ? -1 : CreditIndex.rateKey(month: deal.closeMonth, from: deal.currency, to: planCurrencyNumber)
        let exact = CreditMath.convertedShare(amount: deal.amount, rate: rate, percent: percent)
        let magnitude = currency.round(exact)
        let amount = kind == .chargeback ? -magnitude : magnitude
        // Sums stay in 64 bits here; anything larger goes to the simple pass (and its limit check).
        guard let minor = Int64(exactly: amount.mantissa), abs(minor) < DealChunkWorker.largestMinor else { gaveUp = true; return }
        if kind == .credit && ownMonth > 0 {
            // Forecast actuals and the control totals' credits in and out (DealActivity).
            guard add(minor, to: &finance.actuals[entry * 13 + ownMonth]) else { return }
            if inRunMonth {
                let tally = finance.runMonthCredits[planCurrencyNumber] ?? (0, .zero, 0)
                guard let amountIn = FinanceArithmetic.sum(tally.amountIn, exact.rounded(toScale: min(exact.scale, FinanceArithmetic.scale))),
                      FinanceArithmetic.isInRange(amountIn) else { gaveUp = true; return }
                finance.runMonthCredits[planCurrencyNumber] = (tally.count + 1, amountIn, tally.creditOut + minor)
            }
        }
        var share: Int32 = -1
        func row(_ kind: CreditTotals.CreditRow.Kind, rep: Int32, plan: Int, component: Int16, credit: Int64) {
            if share < 0 {
                share = Int32(runMonth.shares.count)
                runMonth.shares.append(CompactCredits.Share(
                    amount: deal.amount, currency: deal.currency, rateKey: rateKey, percent: percent,
                    idStart: Int32(runMonth.idBytes.count), idLength: Int32(id.count)))
                runMonth.idBytes.append(contentsOf: id)
            }
            runMonth.rows.append(CompactCredits.Row(share: share, rep: rep, plan: Int16(plan), component: component, kind: kind,
                                                    day: day, credit: credit))
        }

        if ownMonth > 0 {
            let base = index.entryCreditBase[entry]
            let components = index.ownMatches[plan][pair]
            for component in components { guard add(minor, to: &credits[base + Int(component) * 13 + ownMonth]) else { return } }
            let spiffBase = index.entrySpiffBase[entry]
            for spiff in index.spiffMatches[plan][pair] {
                let value = SpiffMath.amount(index.book.plans[plan].spiffs[Int(spiff)], percent: percent, credit: amount,
                                             isReversal: kind == .chargeback, currency: currency)
                guard let spiffMinor = Int64(exactly: value.rounded(toScale: currency.minorUnits).mantissa),
                      abs(spiffMinor) < DealChunkWorker.largestMinor else { gaveUp = true; return }
                guard add(spiffMinor, to: &spiffs[spiffBase + Int(spiff) * 13 + ownMonth]) else { return }
            }
            if inRunMonth {
                if components.isEmpty { row(kind, rep: rep, plan: plan, component: -1, credit: minor) }
                for component in components { row(kind, rep: rep, plan: plan, component: component, credit: minor) }
            }
        }
        for manager in chain {
            let managerPlan = index.entryRef[manager].plan
            let month = index.countedMonth(day: day, monthOrdinal: monthOrdinal, plan: managerPlan)
            let components = index.teamMatches[managerPlan][pair]
            guard month > 0, !components.isEmpty else { continue }
            var copy = minor
            let managerCurrency = index.planCurrency[managerPlan]
            if index.planCurrencyNumber[managerPlan] != index.planCurrencyNumber[plan] {
                guard let conversion = self.rate(month: deal.closeMonth, from: index.planCurrencyNumber[plan],
                                                 to: index.planCurrencyNumber[managerPlan], line: line) else { continue }
                guard let converted = Int64(exactly: managerCurrency.round(amount * conversion).mantissa),
                      abs(converted) < DealChunkWorker.largestMinor else { gaveUp = true; return }
                copy = converted
            }
            let base = index.entryCreditBase[manager]
            let managerRep = index.entryRep[manager]
            for component in components {
                guard add(copy, to: &credits[base + Int(component) * 13 + month]) else { return }
                if inRunMonth { row(.rollup, rep: managerRep, plan: managerPlan, component: component, credit: copy) }
            }
        }
    }

    private func rate(month: Int, from: Int16, to: Int16, line: Int) -> ExactDecimal? {
        if let rate = index.rate(month: month, from: from, to: to) { return rate }
        let key = CreditEngine.MissingRate(month: YearMonth(ordinal: month), from: index.currencies[Int(from)].code,
                                           to: index.currencies[Int(to)].code)
        if missingRates[key] == nil { missingRates[key] = line }
        return nil
    }

    /// Parses `reps` into `splitReps` and `splitPercents` by the rules of `DealRules.splits`.
    private func splits(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        splitReps.removeAll(keepingCapacity: true)
        splitPercents.removeAll(keepingCapacity: true)
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
            let rep = index.reps.lookup(repPart)
            guard rep >= 0, !splitReps.contains(rep) else { return false }
            splitReps.append(rep)
            splitPercents.append(percent)
            total += percent.widened(to: 2).mantissa
            start = end + 1
        }
        return (withoutPercent == 0 || splitReps.count == 1) && total == 10_000
    }

    /// The largest credit this pass adds in 64 bits (10^15 minor units); a run with larger credits,
    /// or sums that would overflow, goes the simple way (whose limit check reports it).
    static let largestMinor: Int64 = 1_000_000_000_000_000

    /// Adds to a 64-bit sum; false (and the pass gives up) instead of overflowing.
    @inline(__always)
    private func add(_ value: Int64, to cell: inout Int64) -> Bool {
        let (sum, overflow) = cell.addingReportingOverflow(value)
        if overflow { gaveUp = true; return false }
        cell = sum
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

/// The role of each column of deals.csv.
enum DealColumn {
    case id, closeDate, amount, currency, type, product, reps, status, cancelDate, createdDate, ignored

    init(header: String) {
        switch header {
        case "deal_id": self = .id
        case "close_date": self = .closeDate
        case "amount": self = .amount
        case "currency": self = .currency
        case "type": self = .type
        case "product": self = .product
        case "reps": self = .reps
        case "status": self = .status
        case "cancel_date": self = .cancelDate
        case "created_date": self = .createdDate
        default: self = .ignored
        }
    }
}

/// A fixed-size filter of deal-id fingerprints shared by the worker threads: memory does not grow
/// with the number of deals. Six bits of one 64-bit word per id, set with one atomic OR, so of two
/// threads inserting the same id exactly one finds it new. A "seen before" answer may be a false
/// alarm (a handful at ten million deals): those ids are compared exactly in a second, id-only scan.
final class DealIDFilter {
    private let words: UnsafeMutablePointer<UInt64>
    private let mask: Int

    /// 2^25 words: 256 MiB of address space, zeroed lazily by the kernel page by page.
    init(log2Words: Int = 25) {
        let count = 1 << log2Words
        words = calloc(count, MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
        mask = count - 1
    }

    deinit { free(words) }

    /// Records an id; false when it may have been seen before (then the caller checks exactly).
    @inline(__always)
    func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = DealIDRegistry.fingerprint(id)
        let word = Int(truncatingIfNeeded: hash) & mask
        var bits: UInt64 = 0
        var rest = hash >> 32
        for _ in 0..<6 {
            bits |= 1 << (rest & 63)
            rest = (rest >> 6) &* 0x9E37_79B9 &+ (rest & 63)
        }
        let before = comp_atomic_fetch_or(words + word, bits)
        return before & bits != bits
    }
}
