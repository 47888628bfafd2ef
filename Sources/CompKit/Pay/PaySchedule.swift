/// What each participant entry is paid, month by month, replayed from its plan's fiscal year
/// start through the run month (§3.5–3.9, §3.11).
///
/// The lines of every entry are kept in one flat array of 16-byte records (a line is an amount, a
/// pay type and the index of its component or SPIFF). At fifty thousand entries an array per entry
/// and month with a `String` per line held hundreds of megabytes, and a full `ExactDecimal` per
/// line another hundred.
public struct PaySchedule: Sendable {
    /// One pay line as stored: `part` is the component index (COMMISSION, HOLDBACK,
    /// HOLDBACK_RELEASE, BONUS), the SPIFF index (SPIFF), or -1 (BASE, draws); `Lines.amount(of:)`
    /// reads the amount.
    struct StoredLine: Sendable {
        var amount: CompactAmount
        var type: PayType
        var part: Int16
    }

    /// Pay lines by entry, then by fiscal month (index 0 unused, always empty).
    public struct Lines: Sendable {
        let book: PlanBook
        /// Index of an entry's slot: `entryOffsets[plan] + entry`.
        let entryOffsets: [Int]
        /// Per slot: where its month bounds start in `bounds`, or -1 for an entry without lines.
        var firstBound: [Int32]
        /// Per entry with lines: `runMonth + 2` positions in `stored`; month m is `bounds[b + m] ..< bounds[b + m + 1]`.
        var bounds: [Int32] = []
        var stored: [StoredLine] = []
        /// The amounts whose mantissa does not fit a `StoredLine`.
        var wideAmounts: [ExactDecimal] = []

        /// Appends a line (a zero amount adds none).
        mutating func append(_ type: PayType, part: Int, amount: ExactDecimal) {
            guard !amount.isZero else { return }
            stored.append(StoredLine(amount: CompactAmount(amount, wide: &wideAmounts), type: type, part: Int16(part)))
        }

        /// A stored line's amount.
        func amount(of line: StoredLine) -> ExactDecimal {
            line.amount.value(wide: wideAmounts)
        }

        /// The entry's lines of every fiscal month through the run month, nil for an entry of a plan
        /// not taking part in the run.
        public subscript(ref: PlanBook.EntryRef) -> [[PayLine]]? {
            guard let months = monthCount(ref) else { return nil }
            return (0...months).map { lines(ref, fiscalMonth: $0) }
        }

        /// The fiscal months an entry has lines for (through the run month), nil when it has none.
        func monthCount(_ ref: PlanBook.EntryRef) -> Int? {
            let first = firstBound[entryOffsets[ref.plan] + ref.entry]
            guard first >= 0 else { return nil }
            return book.plans[ref.plan].fiscalYear.fiscalMonth(of: book.runMonth)
        }

        /// The stored lines of one fiscal month of an entry with lines.
        func storedLines(_ ref: PlanBook.EntryRef, fiscalMonth month: Int) -> ArraySlice<StoredLine> {
            let first = Int(firstBound[entryOffsets[ref.plan] + ref.entry])
            return stored[Int(bounds[first + month])..<Int(bounds[first + month + 1])]
        }

        /// One fiscal month's lines of an entry with lines.
        func lines(_ ref: PlanBook.EntryRef, fiscalMonth month: Int) -> [PayLine] {
            let plan = book.plans[ref.plan]
            return storedLines(ref, fiscalMonth: month).map { PayLine(type: $0.type, component: plan.partID($0), amount: amount(of: $0)) }
        }
    }

    /// For entries whose plan has a draw: each fiscal month's draw arithmetic (index 0 unused),
    /// replayed from the month's commission lines when asked for.
    public struct Draws: Sendable, Sequence {
        let lines: Lines

        /// The entry's draw months, nil when its plan has no draw or takes no part in the run.
        public subscript(ref: PlanBook.EntryRef) -> [DrawMonth]? {
            let plan = lines.book.plans[ref.plan]
            guard let rule = plan.draw, let months = lines.monthCount(ref) else { return nil }
            let entry = plan.participants[ref.entry]
            var draw = DrawState()
            var result = [DrawMonth(guarantee: .zero, commission: .zero, topUp: .zero, recovery: .zero, balance: .zero)]
            result.reserveCapacity(months + 1)
            for month in 1...months {
                // As the month was paid: every component's commission added, at the currency's scale.
                var commission = plan.components.isEmpty ? .zero : ExactDecimal(mantissa: 0, scale: plan.currency.minorUnits)
                for line in lines.storedLines(ref, fiscalMonth: month) where line.type == .commission { commission += lines.amount(of: line) }
                let isActive = entry.activeRange.overlapDays(with: plan.fiscalYear.calendarMonth(fiscalMonth: month).dates) > 0
                let (topUp, recovery) = draw.step(rule: rule, isActive: isActive, commission: commission)
                result.append(DrawMonth(guarantee: draw.guarantee, commission: commission, topUp: topUp, recovery: recovery,
                                        balance: draw.balance))
            }
            return result
        }

        /// Every entry with a draw and its months, in plan and entry order.
        public func makeIterator() -> AnyIterator<(key: PlanBook.EntryRef, value: [DrawMonth])> {
            let book = lines.book
            var refs = book.participatingEntries.filter { book.plans[$0.plan].draw != nil }.makeIterator()
            return AnyIterator {
                while let ref = refs.next() {
                    if let months = self[ref] { return (ref, months) }
                }
                return nil
            }
        }
    }

    public let lines: Lines
    public var draws: Draws { Draws(lines: lines) }
    /// Where each entry active in the run month stood at its end, per component, person by person
    /// (attainment.csv's rows, which `AttainmentReport` orders), kept from the replay so that they
    /// are not worked out twice.
    public let runMonthMeasures: [ComponentMeasure]
    /// Holdback releases of the run month that were forfeited (§3.11), in person order.
    public let forfeits: [HoldbackForfeit]
    /// What is held back and not yet released or forfeited at the end of the run month, per
    /// currency: a liability finance books.
    public let heldAtMonthEnd: [Currency: ExactDecimal]

    public init(book: PlanBook, measurer: Measurer) {
        var entryOffsets: [Int] = []
        var slots = 0
        for plan in book.plans {
            entryOffsets.append(slots)
            slots += plan.participants.count
        }
        var lines = Lines(book: book, entryOffsets: entryOffsets, firstBound: Array(repeating: -1, count: slots))
        // Room for every line there can be, so the array never moves (pages never written take no memory).
        var most = (lines: 0, bounds: 0)
        for (plan, takesPart) in zip(book.plans, book.participates) where takesPart {
            guard let months = plan.fiscalYear.fiscalMonth(of: book.runMonth) else { continue }
            let perMonth = 1 + 4 * plan.components.count + plan.spiffs.count + (plan.draw == nil ? 0 : 2)
            most.lines += plan.participants.count * months * perMonth
            most.bounds += plan.participants.count * (months + 2)
        }
        lines.stored.reserveCapacity(most.lines)
        lines.bounds.reserveCapacity(most.bounds)
        let runMonthDates = book.runMonth.dates
        var runMonthMeasures: [ComponentMeasure] = []
        runMonthMeasures.reserveCapacity(book.participatingEntries.reduce(0) { count, ref in
            let isActive = book.entry(ref).activeRange.overlapDays(with: runMonthDates) > 0
            return count + (isActive ? book.plan(ref).components.count : 0)
        })
        var forfeits: [HoldbackForfeit] = []
        var heldAtMonthEnd: [Currency: ExactDecimal] = [:]
        for person in book.entriesOfPerson {
            for ref in person where book.participates[ref.plan] {
                let plan = book.plan(ref)
                let entry = book.entry(ref)
                guard let runMonth = plan.fiscalYear.fiscalMonth(of: book.runMonth) else { continue }
                lines.firstBound[entryOffsets[ref.plan] + ref.entry] = Int32(lines.bounds.count)
                lines.bounds.append(Int32(lines.stored.count))  // month 0: empty
                lines.bounds.append(Int32(lines.stored.count))
                var draw = DrawState()
                // Per component: the rounded amounts held since the last release.
                var held = Array(repeating: ExactDecimal.zero, count: plan.components.count)
                let measures = plan.components.indices.map { measurer.measures(ref, component: $0, through: runMonth) }
                if entry.activeRange.overlapDays(with: runMonthDates) > 0 {
                    runMonthMeasures += measures.map { $0[runMonth - 1] }
                }
                func add(_ type: PayType, _ part: Int, _ amount: ExactDecimal) { lines.append(type, part: part, amount: amount) }
                for month in 1...runMonth {
                    let calendarMonth = plan.fiscalYear.calendarMonth(fiscalMonth: month)
                    let activeDays = entry.activeRange.overlapDays(with: calendarMonth.dates)
                    if activeDays > 0 {
                        add(.base, -1, BaseSalaryMath.monthly(annual: entry.baseSalaryAnnual, activeDays: activeDays,
                                                              daysInMonth: calendarMonth.dayCount, currency: plan.currency))
                    }
                    var commissionTotal = ExactDecimal.zero
                    for index in plan.components.indices {
                        let measure = measures[index][month - 1]
                        add(.commission, index, measure.commission)
                        if let holdback = plan.components[index].holdback {
                            let amount = HoldbackMath.held(commission: measure.commission, percent: holdback.percent, currency: plan.currency)
                            add(.holdback, index, -amount)
                            held[index] += amount
                            if HoldbackMath.window(of: month, release: holdback.release, quotaPeriod: plan.quotaPeriod).upperBound == month {
                                if book.isTakingPart(entry.id, on: calendarMonth.lastDay) {
                                    add(.holdbackRelease, index, held[index])
                                } else if month == runMonth && !held[index].isZero {
                                    forfeits.append(HoldbackForfeit(entry: ref, component: index, amount: held[index],
                                                                    releaseDay: calendarMonth.lastDay))
                                }
                                held[index] = .zero
                            }
                        }
                        add(.bonus, index, measure.bonus)
                        commissionTotal += measure.commission
                    }
                    for index in plan.spiffs.indices {
                        add(.spiff, index, measurer.totals.spiff(entry: ref, spiff: index, fiscalMonth: month))
                    }
                    if let rule = plan.draw {
                        let (topUp, recovery) = draw.step(rule: rule, isActive: activeDays > 0, commission: commissionTotal)
                        add(.draw, -1, topUp)
                        add(.drawRecovery, -1, -recovery)
                    }
                    lines.bounds.append(Int32(lines.stored.count))
                }
                for amount in held where !amount.isZero { heldAtMonthEnd[plan.currency, default: .zero] += amount }
            }
        }
        self.lines = lines
        self.runMonthMeasures = runMonthMeasures
        self.forfeits = forfeits
        self.heldAtMonthEnd = heldAtMonthEnd
    }
}

extension Plan {
    /// The component id (COMMISSION, HOLDBACK, HOLDBACK_RELEASE, BONUS) or SPIFF id (SPIFF) of a stored line; empty otherwise.
    fileprivate func partID(_ line: PaySchedule.StoredLine) -> String {
        switch line.type {
        case .commission, .holdback, .holdbackRelease, .bonus: return components[Int(line.part)].id
        case .spiff: return spiffs[Int(line.part)].id
        case .base, .draw, .drawRecovery: return ""
        }
    }
}
