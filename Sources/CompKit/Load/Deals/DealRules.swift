

/// The rules every deal must follow (§2.2 and §7), whatever file it comes from: each broken rule is
/// logged with the file, line and column, and a deal with any problem is not credited. The checks
/// work on the bytes as read, without a string per deal: this is the hot path of every run.
struct DealRules {
    let file: String
    /// Where this reader's problems go.
    let log: DiagnosticLog
    let index: CreditIndex
    /// `index.reps`, held here: looking up through the index would retain its arrays per call.
    private let reps: ByteKeyTable
    /// Whether a rep that no plan names is an error; not when the plans are broken and their
    /// participants cannot be trusted.
    let knowsEveryParticipant: Bool

    /// The last deal's split: `splitCount` rep numbers and percents, the percents with 2 decimals
    /// as the credit rows keep them (the arrays are reused).
    private(set) var splitReps: [Int32] = []
    private(set) var splitPercents: [ExactDecimal] = []
    private(set) var splitCount = 0

    /// The largest amount accepted: 15 integer digits keep every product exact in 128 bits.
    static let maxAmountIntegerDigits = 15
    /// Longest id, type, product or rep id, in bytes.
    static let maxTokenBytes = 200
    /// The most reps one deal may be split between (docs/RELIABILITY.md): a record of 1 MiB could
    /// otherwise name 100 000 of them, and checking them for repeats would take hours.
    static let maxSplits = 100
    /// A rep number not yet looked up.
    static let notLookedUp: Int32 = -2

    init(file: String, log: DiagnosticLog, index: CreditIndex, knowsEveryParticipant: Bool) {
        self.file = file
        self.log = log
        self.index = index
        reps = index.reps
        self.knowsEveryParticipant = knowsEveryParticipant
    }

    /// Checks a CSV deal, whose split is its `reps` field (`R001`, or `R001:60;R002:40`);
    /// `firstRep` is the first rep's number when already looked up.
    mutating func check(_ raw: RawDeal, reps field: RawField, firstRep: Int32 = notLookedUp) -> CheckedDeal? {
        var splitsOK = false
        if field.isEmpty {
            problem(raw.line, field.column, "reps is required (a rep id, or splits like R001:60;R002:40)")
        } else {
            splitsOK = splits(RepsField(field), line: raw.line, column: field.column, firstRep: firstRep)
        }
        return check(raw, splitsOK: splitsOK)
    }

    /// Checks an XML deal, whose split is its `<credit rep percent>` elements.
    mutating func check(_ raw: RawDeal, shares: [(rep: RawField, percent: RawField?)]) -> CheckedDeal? {
        var splitsOK = false
        if shares.isEmpty {
            problem(raw.line, raw.id.column, "a deal needs at least one rep")
        } else {
            splitsOK = splits(ShareList(shares: shares), line: raw.line, column: raw.id.column, firstRep: DealRules.notLookedUp)
        }
        return check(raw, splitsOK: splitsOK)
    }

    // MARK: - Fields

    private func check(_ raw: RawDeal, splitsOK: Bool) -> CheckedDeal? {
        var ok = splitsOK
        func problem(_ field: RawField, _ message: String) {
            ok = false
            self.problem(raw.line, field.column, message)
        }
        if !isToken(raw.id, name: "deal_id", at: raw.line) { ok = false }
        let close = date(raw.closeDate, name: "close_date", at: raw.line)
        if close == nil { ok = false }
        var amount = ExactDecimal.zero
        if let value = DealRules.amount(raw.amount.bytes), !value.isZero {
            amount = value
        } else {
            switch ExactDecimal.parse(raw.amount.bytes, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits) {
            case .success: problem(raw.amount, "amount must be greater than 0")
            case .failure(let failure): problem(raw.amount, "amount '\(raw.amount.bytes.string)' \(failure.explanation)")
            }
        }
        let currency = index.currency(raw.currency.bytes)
        if currency < 0 {
            problem(raw.currency, raw.currency.isEmpty ? "currency is required"
                    : "unknown currency '\(raw.currency.bytes.string)' (not an ISO 4217 code)")
        }
        if !isToken(raw.type, name: "type", at: raw.line) { ok = false }
        if !raw.product.isEmpty && !isToken(raw.product, name: "product", at: raw.line) { ok = false }

        var isCancelled = false
        if raw.status.bytes.equals("cancelled") {
            isCancelled = true
        } else if !(raw.status.isEmpty || raw.status.bytes.equals("won")) {
            problem(raw.status, "status '\(raw.status.bytes.string)' must be 'won' or 'cancelled'")
        }
        var cancel: (day: Int32, month: Int) = (0, 0)
        if !raw.cancelDate.isEmpty {
            let date = date(raw.cancelDate, name: "cancel_date", at: raw.line)
            if date == nil { ok = false }
            if !isCancelled {
                problem(raw.cancelDate, "a won deal has no cancel_date (set status to 'cancelled' or clear cancel_date)")
            } else if let date, let close, date.day < close.day {
                problem(raw.cancelDate, "cancel_date \(CalendarDate(dayNumber: Int(date.day))) is before close_date \(CalendarDate(dayNumber: Int(close.day)))")
            }
            cancel = date ?? cancel
        } else if isCancelled {
            problem(raw.status, "a cancelled deal needs a cancel_date")
        }
        var createdDay: Int32?
        if !raw.createdDate.isEmpty {
            createdDay = date(raw.createdDate, name: "created_date", at: raw.line)?.day
            if createdDay == nil { ok = false }
        }
        guard ok, let close else { return nil }
        return CheckedDeal(id: raw.id.bytes, closeDay: close.day, closeMonth: close.month, amount: amount, currency: currency,
                           type: raw.type.bytes, product: raw.product.bytes, isCancelled: isCancelled,
                           cancelDay: cancel.day, cancelMonth: cancel.month, createdDay: createdDay)
    }

    /// A problem at a field of a deal; column 0 (a deal made in code) names the deal's whole line.
    private func problem(_ line: Int, _ column: Int, _ message: String) {
        log.error(column > 0 ? SourceLocation(file: file, line: line, column: column) : .wholeLine(file, line), message)
    }

    /// Whether the field is a token (`tokenProblem`), logging why not.
    @inline(__always)
    private func isToken(_ field: RawField, name: String, at line: Int) -> Bool {
        if DealRules.isASCIIToken(field.bytes) { return true }
        guard let message = DealRules.tokenProblem(field.bytes, name: name) else { return true }
        problem(line, field.column, message)
        return false
    }

    /// A required date as a day number and month ordinal, or nil after logging why not.
    @inline(__always)
    private func date(_ field: RawField, name: String, at line: Int) -> (day: Int32, month: Int)? {
        if let date = DealRules.date(field.bytes) { return date }
        problem(line, field.column, field.isEmpty ? "\(name) is required" : "\(name) '\(field.bytes.string)' is not a date YYYY-MM-DD")
        return nil
    }

    // MARK: - Splits

    /// Checks a deal's shares into `splitReps` and `splitPercents`: known, distinct reps; percents
    /// > 0 with at most 2 decimals, summing to exactly 100; a percent may be left out only when there
    /// is a single rep (it is then 100). Logs every problem; false when there is any.
    private mutating func splits<Shares: SplitShares>(_ shares: Shares, line: Int, column: Int, firstRep: Int32) -> Bool {
        var shares = shares
        let count = shares.count
        guard count <= DealRules.maxSplits else {
            problem(line, column, "a deal is split between \(count) reps, more than the \(DealRules.maxSplits) comp accepts")
            return false
        }
        var ok = true
        splitCount = 0
        var total: Int128 = 0
        var shareNumber = -1
        while let share = shares.next() {
            shareNumber += 1
            let repField = share.rep
            guard isToken(repField, name: "rep id", at: line) else {
                ok = false
                continue
            }
            let rep = shareNumber == 0 && firstRep != DealRules.notLookedUp ? firstRep : reps.lookup(repField.bytes)
            if rep >= 0 ? splitReps[0..<splitCount].contains(rep) : shares.restarted.contains(repField.bytes, before: shareNumber) {
                problem(line, repField.column, "rep '\(repField.bytes.string)' appears twice in one deal")
                ok = false
            } else if rep < 0 {
                if knowsEveryParticipant {
                    problem(line, repField.column, "rep '\(repField.bytes.string)' is not a participant of any plan")
                }
                ok = false
            }
            var percent = ExactDecimal(mantissa: 10_000, scale: 2)
            if let field = share.percent {
                switch ExactDecimal.parse(field.bytes, maxDecimals: 2, maxIntegerDigits: 3) {
                case .success(let value):
                    percent = value.widened(to: 2)
                    if value.isZero {
                        problem(line, field.column, "rep '\(repField.bytes.string)' has a split percent of 0")
                        ok = false
                    }
                case .failure(let failure):
                    problem(line, field.column, "split percent '\(field.bytes.string)' for rep '\(repField.bytes.string)' \(failure.explanation)")
                    ok = false
                }
            } else if count > 1 {
                problem(line, repField.column, "rep '\(repField.bytes.string)' needs a percent: write splits like R001:60;R002:40")
                ok = false
            }
            if splitCount < splitReps.count {
                splitReps[splitCount] = rep
                splitPercents[splitCount] = percent
            } else {
                splitReps.append(rep)
                splitPercents.append(percent)
            }
            splitCount += 1
            total += percent.mantissa
        }
        if ok && total != 10_000 {
            problem(line, column, "split percents add up to \(Self.percentSum(shares.restarted)), not exactly 100")
            ok = false
        }
        return ok
    }

    /// The percents of a deal's shares added up as written (for the message when they are not 100).
    private static func percentSum<Shares: SplitShares>(_ shares: Shares) -> ExactDecimal {
        var shares = shares
        var sum = ExactDecimal.zero
        while let share = shares.next() {
            guard let field = share.percent else {
                sum += ExactDecimal(100)
                continue
            }
            if case .success(let value) = ExactDecimal.parse(field.bytes, maxDecimals: 2, maxIntegerDigits: 3) { sum += value }
        }
        return sum
    }

    // MARK: - Values

    /// Why bytes cannot be an id or a token of deals.csv — empty, longer than `maxTokenBytes`, not
    /// UTF-8, holding a space (unless `spaces`) — or nil when they can.
    static func tokenProblem(_ bytes: UnsafeBufferPointer<UInt8>, name: String, spaces: Bool = false) -> String? {
        if bytes.isEmpty { return "\(name) is required" }
        if bytes.count > maxTokenBytes { return "\(name) is longer than \(maxTokenBytes) bytes" }
        // ASCII is UTF-8: most ids are checked without making a string.
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil { return "\(name) is not valid UTF-8" }
        if !spaces && bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return "\(name) '\(bytes.string)' must not contain spaces"
        }
        return nil
    }

    /// A non-empty printable ASCII token of at most `maxTokenBytes` bytes: the common case of
    /// `tokenProblem` returning nil, without its look at every byte twice. Eight bytes are looked at
    /// a time: every field of every deal is a token or a date.
    @inline(__always)
    static func isASCIIToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty, bytes.count <= maxTokenBytes else { return false }
        let count = bytes.count
        guard count >= 8 else {
            for position in 0..<count where bytes[position] <= 0x20 || bytes[position] >= 0x80 { return false }
            return true
        }
        let raw = UnsafeRawPointer(base)
        // Words at 0, 8, 16… and the last 8 bytes (overlapping the word before).
        var flagged: UInt64 = 0, offset = 0
        while offset < count - 8 {
            flagged |= notTokenBytes(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        flagged |= notTokenBytes(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        return flagged == 0
    }

    /// Non-zero when one of the word's 8 bytes is at most 0x20 (a control byte or a space) or at
    /// least 0x80 (not ASCII). `word − 0x21…` sets a byte's top bit where the byte is below 0x21
    /// (a borrow can only set more bits above such a byte, which is flagged anyway); `word` itself
    /// has it where the byte is 0x80 or more.
    @inline(__always)
    private static func notTokenBytes(_ word: UInt64) -> UInt64 {
        ((word &- 0x2121_2121_2121_2121) & ~word | word) & 0x8080_8080_8080_8080
    }

    /// A `YYYY-MM-DD` date as a day number and month ordinal, by the rules of
    /// `CalendarDate(parsing:)`; nil when it is not a real date. The ten bytes are read as one
    /// word and one half-word and their digits checked all at once (three dates per deal).
    @inline(__always)
    static func date(_ field: UnsafeBufferPointer<UInt8>) -> (day: Int32, month: Int)? {
        guard field.count == 10, let base = field.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        // `YYYY-MM-` (byte 0 lowest) and `DD`.
        let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let tail = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
        let dashes: UInt64 = 0x2D00_002D_0000_0000, dashLanes: UInt64 = 0xFF00_00FF_0000_0000
        let digitLanes: UInt64 = 0x00FF_FF00_FFFF_FFFF
        guard head & dashLanes == dashes, isDigits(head, lanes: digitLanes), isDigits(tail, lanes: 0xFFFF) else { return nil }
        @inline(__always) func digit(_ word: UInt64, _ position: Int) -> Int { Int((word >> UInt64(8 * position)) & 0x0F) }
        let year = digit(head, 0) * 1000 + digit(head, 1) * 100 + digit(head, 2) * 10 + digit(head, 3)
        let monthOfYear = digit(head, 5) * 10 + digit(head, 6), day = digit(tail, 0) * 10 + digit(tail, 1)
        let month = year * 12 + monthOfYear - 1
        let row = month - firstTabledYear * 12
        if monthOfYear >= 1 && monthOfYear <= 12 && row >= 0 && row + 1 < monthStarts.count {
            let start = monthStarts[row], length = monthStarts[row + 1] - start
            guard day >= 1 && day <= length else { return nil }
            return (start + Int32(day - 1), month)
        }
        guard let date = CalendarDate(year: year, month: monthOfYear, day: day) else { return nil }
        return (Int32(date.dayNumber), month)
    }

    /// Whether every byte of `word` in `lanes` (a mask of whole bytes) is an ASCII digit: its
    /// high half 3 and, 6 added, still 3 (no byte carries into the next when the first holds).
    @inline(__always)
    private static func isDigits(_ word: UInt64, lanes: UInt64) -> Bool {
        let highHalves = lanes & 0xF0F0_F0F0_F0F0_F0F0, threes = lanes & 0x3030_3030_3030_3030
        return word & highHalves == threes && (word &+ (lanes & 0x0606_0606_0606_0606)) & highHalves == threes
    }

    /// The day number of the first of each month from 1900 to 2199 (and of 2200-01-01): a date in
    /// those years is one lookup, its month's length the step to the next entry.
    private static let firstTabledYear = 1900
    private static let monthStarts: [Int32] = (firstTabledYear * 12...2200 * 12).map { month in
        Int32(CalendarDate(year: month / 12, month: month % 12 + 1, day: 1)!.dayNumber)
    }

    /// `ExactDecimal.parse(field, maxDecimals: 6, maxIntegerDigits: maxAmountIntegerDigits)`, nil
    /// for any failure; in 64 bits when the field has at most 18 bytes and 15 integer digits (every
    /// amount in practice), else by that parser.
    @inline(__always)
    static func amount(_ field: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        // At most 18 bytes: the digits fit in 64 bits whatever they are, so none is checked for
        // overflow, and where the point is says how many are integer digits and decimals.
        if field.count <= 18 {
            var value: Int64 = 0, point = -1
            for position in 0..<field.count {
                let digit = field[position] &- UInt8(ascii: "0")
                if digit <= 9 {
                    value = value &* 10 &+ Int64(digit)
                } else if field[position] == UInt8(ascii: "."), point < 0 {
                    point = position
                } else {
                    return nil
                }
            }
            let integerDigits = point < 0 ? field.count : point, decimals = point < 0 ? 0 : field.count - 1 - point
            if integerDigits <= maxAmountIntegerDigits {
                guard integerDigits > 0, point < 0 || decimals > 0, decimals <= 6 else { return nil }
                return ExactDecimal(mantissa: Int128(value), scale: decimals)
            }
        }
        guard case .success(let parsed) = ExactDecimal.parse(field, maxDecimals: 6, maxIntegerDigits: maxAmountIntegerDigits)
        else { return nil }
        return parsed
    }
}

extension SplitShares {
    /// Whether one of the first `count` shares names `rep`.
    func contains(_ rep: UnsafeBufferPointer<UInt8>, before count: Int) -> Bool {
        var shares = self
        for _ in 0..<count {
            guard let share = shares.next() else { return false }
            if share.rep.bytes.elementsEqual(rep) { return true }
        }
        return false
    }
}

/// The shares of an XML deal's `<credit>` elements.
private struct ShareList: SplitShares {
    let shares: [(rep: RawField, percent: RawField?)]
    private var position = 0

    init(shares: [(rep: RawField, percent: RawField?)]) { self.shares = shares }

    var count: Int { shares.count }
    var restarted: ShareList { ShareList(shares: shares) }

    mutating func next() -> (rep: RawField, percent: RawField?)? {
        guard position < shares.count else { return nil }
        defer { position += 1 }
        return shares[position]
    }
}
