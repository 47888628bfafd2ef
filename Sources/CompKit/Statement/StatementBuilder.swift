/// Builds participants' statements from a computed run: its run month's credit rows, measures and
/// pay. Each amount of a statement is recomputed from its parts
/// (measures, SPIFF totals, draw months, base salary), so that a statement whose total equals the
/// payroll rows shows the arithmetic really adds up.
public struct StatementBuilder: Sendable {
    public let result: PayrollRun.Result
    public let usesLedger: Bool
    private let measurer: Measurer
    private let payrollByID: [String: [Payroll.Row]]
    private let entriesByID: [String: [PlanBook.EntryRef]]
    /// Everyone with an entry in a plan taking part in the run, in byte order.
    public let participantIDs: [String]

    public init(result: PayrollRun.Result) {
        self.result = result
        usesLedger = result.usesLedger
        measurer = Measurer(book: result.book, totals: result.totals)
        payrollByID = Dictionary(grouping: result.payroll.rows, by: \.key.employeeID)
        entriesByID = Dictionary(grouping: result.book.participatingEntries) { result.book.entry($0).id }
        participantIDs = entriesByID.keys.sorted(by: byteOrder)
    }

    /// The participant's statement, nil when they have no entry in a plan taking part in the run.
    /// Throws `CompError.io` when the month's credit rows cannot be read back.
    public func statement(for id: String) throws -> Statement? {
        guard entriesByID[id] != nil else { return nil }
        return statement(for: id, credits: try result.totals.runMonthCreditRows.participantCredits(id))
    }

    /// Calls `body` with every participant's statement of slice `slice` of `slices` (consecutive
    /// runs of ids in byte order, about equal in number), in that order, reading the month's
    /// credits once, one partition at a time; `creditOrder` is their `sortedPositions()` when
    /// already made. Slices can be made on threads of their own. Throws what `body` throws, or
    /// `CompError.io`.
    public func forEachStatement(slice: Int = 0, of slices: Int = 1, creditOrder: [UInt32]? = nil,
                                 _ body: (Statement) throws -> Void) throws {
        let all = participantIDs
        let ids = all[all.count * slice / slices..<all.count * (slice + 1) / slices]
        guard let firstID = ids.first, let lastID = ids.last else { return }
        let credits = result.totals.runMonthCreditRows
        var next = ids.startIndex
        func upTo(_ id: String?) throws {
            while next < ids.endIndex, id.map({ byteOrder(ids[next], $0) }) ?? true {
                if let statement = statement(for: ids[next], credits: RunMonthCredits.ParticipantCredits()) { try body(statement) }
                next += 1
            }
        }
        let ranks = credits.byteRank(of: firstID).flatMap { low in credits.byteRank(of: lastID).map { low..<$0 + 1 } }
        try credits.forEachParticipant(ranks: ranks ?? 0..<0, order: creditOrder) { id, participant in
            try upTo(id)
            guard next < ids.endIndex, ids[next] == id else { return }
            if let statement = statement(for: id, credits: participant) { try body(statement) }
            next += 1
        }
        try upTo(nil)
    }

    private func statement(for id: String, credits: RunMonthCredits.ParticipantCredits) -> Statement? {
        let book = result.book
        guard let refs = entriesByID[id] else { return nil }
        let month = DateRange(first: book.runMonth.firstDay, last: book.runMonth.lastDay)
        var parts: [Statement.EntryPart] = []
        for ref in refs.sorted(by: { book.entry($0).start < book.entry($1).start }) {
            let active = book.entry(ref).activeRange.overlapDays(with: month) > 0
            let lines = result.schedule.lines
            let paid = lines.monthCount(ref).map { !lines.storedLines(ref, fiscalMonth: $0).isEmpty } ?? false
            guard active || paid, let part = entryPart(ref, credits: credits) else { continue }
            parts.append(part)
        }
        let payroll = payrollByID[id] ?? []
        let latest = refs.max { book.entry($0).start < book.entry($1).start }.map { book.entry($0).name } ?? id
        return Statement(participantID: id, name: payroll.first?.employeeName ?? latest, period: book.runMonth,
                         entries: parts, pay: payItems(id: id, refs: refs, parts: parts, payroll: payroll), usesLedger: usesLedger)
    }

    // MARK: - Entry parts

    private func entryPart(_ ref: PlanBook.EntryRef, credits all: RunMonthCredits.ParticipantCredits) -> Statement.EntryPart? {
        let book = result.book
        let plan = book.plan(ref)
        let entry = book.entry(ref)
        guard let fiscalMonth = plan.fiscalYear.fiscalMonth(of: book.runMonth) else { return nil }
        // A person's rows in this plan and inside this entry's dates are this entry's (entries never
        // overlap); usually that is all of them, and they are not copied.
        let rows = all.rows.keeping { all.rows[$0].planID == plan.id && entry.isActive(on: all.rows[$0].creditDate) }
        let rollUps = all.rollUps.filter { $0.entry == ref }
        // A credit's rows (one per matching component) side by side, by component.
        let credits = rows.inStatementOrder(thenByComponent: true)
        return Statement.EntryPart(
            entry: ref, planID: plan.id, planName: plan.name, currency: plan.currency, start: entry.start, end: entry.end,
            fiscalMonth: fiscalMonth, credits: credits,
            components: plan.components.indices.map {
                componentPart(ref, index: $0, fiscalMonth: fiscalMonth, rows: credits, rollUps: rollUps)
            },
            spiffs: spiffParts(ref, fiscalMonth: fiscalMonth, rows: credits),
            draw: drawPart(ref, fiscalMonth: fiscalMonth), base: basePart(ref))
    }

    private func componentPart(_ ref: PlanBook.EntryRef, index: Int, fiscalMonth: Int, rows: [CreditTotals.CreditRow],
                               rollUps: [CreditTotals.RollUpSum]) -> Statement.ComponentPart {
        let plan = result.book.plan(ref)
        let component = plan.components[index]
        // The month and the month before, and a holdback's window, measured in one pass.
        let window = component.holdback.map {
            HoldbackMath.window(of: fiscalMonth, release: $0.release, quotaPeriod: plan.quotaPeriod).lowerBound
        }
        let months = max(1, min(fiscalMonth - 1, window ?? fiscalMonth))...fiscalMonth
        let measures = measurer.measures(ref, component: index, months: months)
        let measure = measures[fiscalMonth - months.lowerBound]
        let firstMonth = plan.fiscalYear.fiscalMonths(ofQuotaPeriod: measure.quotaPeriod).lowerBound
        let before = fiscalMonth > firstMonth ? measures[fiscalMonth - 1 - months.lowerBound] : nil
        let quota = measure.quota
        let bonuses = component.bonuses.map { bonus -> Statement.BonusPart in
            let reached = quota > .zero && measure.creditedToDate >= bonus.atLeast * quota
            let reachedBefore = quota > .zero && (before.map { $0.creditedToDate >= bonus.atLeast * quota } ?? false)
            return Statement.BonusPart(bonus: bonus, threshold: bonus.atLeast * quota, reached: reached, reachedBefore: reachedBefore,
                                       paid: (reached ? bonus.amount : .zero) - (reachedBefore ? bonus.amount : .zero))
        }
        return Statement.ComponentPart(
            component: component, measure: measure, quotaPeriodDates: plan.fiscalYear.dates(ofQuotaPeriod: measure.quotaPeriod),
            breakdown: TierBreakdown(component: component, credited: measure.creditedToDate, quota: quota, currency: plan.currency),
            monthBefore: before == nil ? nil : result.book.runMonth.adding(months: -1),
            attribution: DealAttribution(component: component, quota: quota, currency: plan.currency,
                                         openingCredit: before?.creditedToDate ?? .zero,
                                         rows: rows.keeping { rows[$0].component == component.id },
                                         rollUps: rollUps.filter { $0.component == component.id }),
            bonuses: bonuses, holdback: holdbackPart(ref, index: index, measures: measures, months: months))
    }

    /// The holdback's window through this month, recomputed from each month's commission (§3.11);
    /// `measures` are the component's `months`, the last the run month, the window among them.
    private func holdbackPart(_ ref: PlanBook.EntryRef, index: Int, measures: [ComponentMeasure],
                              months measured: ClosedRange<Int>) -> Statement.HoldbackPart? {
        let plan = result.book.plan(ref)
        guard let holdback = plan.components[index].holdback else { return nil }
        let fiscalMonth = measured.upperBound
        let window = HoldbackMath.window(of: fiscalMonth, release: holdback.release, quotaPeriod: plan.quotaPeriod)
        let months = (window.lowerBound...fiscalMonth).map { month -> (month: YearMonth, commission: ExactDecimal, held: ExactDecimal) in
            let commission = measures[month - measured.lowerBound].commission
            return (plan.fiscalYear.calendarMonth(fiscalMonth: month), commission,
                    HoldbackMath.held(commission: commission, percent: holdback.percent, currency: plan.currency))
        }
        let releaseDay = plan.fiscalYear.calendarMonth(fiscalMonth: window.upperBound).lastDay
        let isReleased = window.upperBound == fiscalMonth ? result.book.isTakingPart(result.book.entry(ref).id, on: releaseDay) : nil
        return Statement.HoldbackPart(holdback: holdback, months: months, releaseDay: releaseDay, isReleased: isReleased)
    }

    /// Each SPIFF with the month's own credits and chargebacks whose deal matches it (§3.7, §7);
    /// `rows` are the entry's rows in the statement order.
    private func spiffParts(_ ref: PlanBook.EntryRef, fiscalMonth: Int, rows: [CreditTotals.CreditRow]) -> [Statement.SpiffPart] {
        let plan = result.book.plan(ref)
        guard !plan.spiffs.isEmpty else { return [] }
        let credits = result.totals.runMonthCreditRows
        return plan.spiffs.enumerated().map { index, spiff in
            // SPIFFs pay on credits and chargebacks, never on payments. A credit has a row per matching
            // component (a rep is in a deal's split once), next to each other in the statement order:
            // the first of them stands for the credit. Whether the deal matches is asked first (a
            // number compared; most deals match no SPIFF), of the row where it is: a row is copied
            // only when it earns a line.
            let lines = rows.indices.compactMap { position -> (row: CreditTotals.CreditRow, amount: ExactDecimal)? in
                guard rows[position].kind != .payment, credits.matches(rows[position], spiff: index, plan: ref.plan),
                      position == 0 || rows.statementOrder(position - 1, position) != nil else { return nil }
                let row = rows[position]
                return (row, SpiffMath.amount(spiff, percent: row.percent, credit: row.credit,
                                              isReversal: row.kind == .chargeback, currency: plan.currency))
            }
            let total = result.totals.spiff(entry: ref, spiff: index, fiscalMonth: fiscalMonth)
            return Statement.SpiffPart(spiff: spiff, lines: lines, total: total,
                                       unitemised: total - lines.reduce(ExactDecimal.zero) { $0 + $1.amount })
        }
    }

    private func drawPart(_ ref: PlanBook.EntryRef, fiscalMonth: Int) -> Statement.DrawPart? {
        let plan = result.book.plan(ref)
        guard let draw = plan.draw, let months = result.schedule.draws[ref] else { return nil }
        let activeMonths = (1...fiscalMonth).filter { activeDays(ref, in: plan.fiscalYear.calendarMonth(fiscalMonth: $0)) > 0 }.count
        return Statement.DrawPart(draw: draw, activeMonth: activeMonths,
                                  balanceBefore: fiscalMonth > 1 ? months[fiscalMonth - 1].balance : .zero,
                                  month: months[fiscalMonth])
    }

    private func basePart(_ ref: PlanBook.EntryRef) -> Statement.BasePart? {
        let runMonth = result.book.runMonth
        let days = activeDays(ref, in: runMonth)
        guard days > 0 else { return nil }
        let annual = result.book.entry(ref).baseSalaryAnnual
        return Statement.BasePart(annual: annual, activeDays: days, daysInMonth: runMonth.dayCount,
                                  amount: BaseSalaryMath.monthly(annual: annual, activeDays: days, daysInMonth: runMonth.dayCount,
                                                                 currency: result.book.plan(ref).currency))
    }

    private func activeDays(_ ref: PlanBook.EntryRef, in month: YearMonth) -> Int {
        result.book.entry(ref).activeRange.overlapDays(with: DateRange(first: month.firstDay, last: month.lastDay))
    }

    // MARK: - Pay

    /// The month's pay lines recomputed from the parts and added up per payroll key, joined with
    /// the ledger's prior adjustments (which only the month's `Payroll` knows).
    private func payItems(id: String, refs: [PlanBook.EntryRef], parts: [Statement.EntryPart],
                          payroll: [Payroll.Row]) -> [Statement.PayItem] {
        // A person has a few keys: a short list searched in order beats hashing two strings a line.
        // The sums hold plain values only (the currency by its place in `currencies`, the component
        // id in `components` beside them): reading a field of a list entry that holds strings copies
        // the entry, its strings retained and released.
        var components: [String] = [], currencies: [Currency] = []
        var sums: [(type: PayType, currency: Int, amount: ExactDecimal, adjustment: ExactDecimal, before: ExactDecimal)] = []
        func slot(_ type: PayType, _ component: String, _ currency: Currency) -> Int {
            let money = currencies.firstIndex(of: currency) ?? {
                currencies.append(currency)
                return currencies.count - 1
            }()
            for index in sums.indices where sums[index].type == type && sums[index].currency == money && components[index] == component {
                return index
            }
            components.append(component)
            sums.append((type, money, .zero, .zero, .zero))
            return sums.count - 1
        }
        func add(_ type: PayType, _ component: String, _ amount: ExactDecimal, _ currency: Currency) {
            sums[slot(type, component, currency)].amount += amount
        }
        // Parts read where they are, by index: a part or a component copied out is dozens of references retained.
        for p in parts.indices {
            let money = parts[p].currency
            if let base = parts[p].base { add(.base, "", base.amount, money) }
            for c in parts[p].components.indices {
                let id = parts[p].components[c].component.id
                add(.commission, id, parts[p].components[c].attribution.commission, money)
                if let holdback = parts[p].components[c].holdback {
                    add(.holdback, id, -holdback.held, money)
                    add(.holdbackRelease, id, holdback.released, money)
                }
                add(.bonus, id, parts[p].components[c].bonuses.reduce(ExactDecimal.zero) { $0 + $1.paid }, money)
            }
            for s in parts[p].spiffs.indices { add(.spiff, parts[p].spiffs[s].spiff.id, parts[p].spiffs[s].total, money) }
            if let draw = parts[p].draw {
                add(.draw, "", draw.month.topUp, money)
                add(.drawRecovery, "", -draw.month.recovery, money)
            }
        }
        for row in payroll.indices {
            let key = payroll[row].key
            sums[slot(key.payType, key.component, key.currency)].adjustment += payroll[row].priorAdjustment
        }
        // With a ledger: the earlier months of the fiscal year as computed now, for the adjustments' explanation.
        for ref in refs where usesLedger {
            let currency = result.book.plan(ref).currency
            guard let lines = result.schedule.lines[ref] else { continue }
            for line in lines.dropFirst().dropLast().joined() {
                sums[slot(line.type, line.component, currency)].before += line.amount
            }
        }
        return sums.indices.compactMap { index in
            let sum = sums[index]
            guard !sum.amount.isZero || !sum.adjustment.isZero else { return nil }
            let key = PayKey(employeeID: id, payType: sum.type, component: components[index], currency: currencies[sum.currency])
            return Statement.PayItem(key: key, computed: sum.amount, priorAdjustment: sum.adjustment,
                                     computedBefore: sum.before, paidBefore: sum.before - sum.adjustment)
        }.sorted { $0.key < $1.key }
    }
}
