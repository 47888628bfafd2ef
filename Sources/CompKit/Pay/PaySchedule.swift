/// What each participant entry is paid, month by month, replayed from its plan's fiscal year
/// start through the run month (SPEC 3.5–3.9).
public struct PaySchedule: Sendable {
    /// Pay lines by entry, then by fiscal month (index 0 unused).
    public private(set) var lines: [PlanBook.EntryRef: [[PayLine]]] = [:]
    /// For entries whose plan has a draw: each fiscal month's draw arithmetic (index 0 unused).
    public private(set) var draws: [PlanBook.EntryRef: [DrawMonth]] = [:]

    public init(book: PlanBook, measurer: Measurer) {
        for ref in book.participatingEntries {
            let plan = book.plan(ref)
            let entry = book.entry(ref)
            guard let runMonth = plan.fiscalYear.fiscalMonth(of: book.runMonth) else { continue }
            var monthly: [[PayLine]] = [[]]
            var drawMonths: [DrawMonth] = [DrawMonth(guarantee: .zero, commission: .zero, topUp: .zero, recovery: .zero, balance: .zero)]
            var draw = DrawState()
            let measures = plan.components.indices.map { measurer.measures(ref, component: $0, through: runMonth) }
            for month in 1...runMonth {
                let calendarMonth = plan.fiscalYear.calendarMonth(fiscalMonth: month)
                let monthDates = DateRange(first: calendarMonth.firstDay, last: calendarMonth.lastDay)
                let activeDays = entry.activeRange.overlapDays(with: monthDates)
                var paid: [PayLine] = []
                if activeDays > 0 {
                    paid.append(PayLine(type: .base, component: "", amount: BaseSalaryMath.monthly(
                        annual: entry.baseSalaryAnnual, activeDays: activeDays, daysInMonth: calendarMonth.dayCount,
                        currency: plan.currency)))
                }
                var commissionTotal = ExactDecimal.zero
                for index in plan.components.indices {
                    let measure = measures[index][month - 1]
                    let id = plan.components[index].id
                    paid.append(PayLine(type: .commission, component: id, amount: measure.commission))
                    paid.append(PayLine(type: .bonus, component: id, amount: measure.bonus))
                    commissionTotal += measure.commission
                }
                for (index, spiff) in plan.spiffs.enumerated() {
                    paid.append(PayLine(type: .spiff, component: spiff.id,
                                          amount: measurer.totals.spiff(entry: ref, spiff: index, fiscalMonth: month)))
                }
                if let rule = plan.draw {
                    let (topUp, recovery) = draw.step(rule: rule, isActive: activeDays > 0, commission: commissionTotal)
                    paid.append(PayLine(type: .draw, component: "", amount: topUp))
                    paid.append(PayLine(type: .drawRecovery, component: "", amount: -recovery))
                    drawMonths.append(DrawMonth(guarantee: draw.guarantee, commission: commissionTotal, topUp: topUp,
                                                recovery: recovery, balance: draw.balance))
                }
                monthly.append(paid.filter { !$0.amount.isZero })
            }
            lines[ref] = monthly
            if plan.draw != nil { draws[ref] = drawMonths }
        }
    }
}

/// One month of a draw (SPEC 3.9), as draws.csv shows it.
public struct DrawMonth: Sendable {
    /// G: the guaranteed amount this month (0 after the draw's months).
    public var guarantee: ExactDecimal
    /// The month's COMMISSION total of the entry, all components.
    public var commission: ExactDecimal
    public var topUp: ExactDecimal
    public var recovery: ExactDecimal
    /// What is still to be recovered after this month (always 0 for a non-recoverable draw).
    public var balance: ExactDecimal
}

/// The month-by-month state of a draw (SPEC 3.9).
struct DrawState {
    private(set) var activeMonths = 0
    private(set) var balance = ExactDecimal.zero
    /// The guarantee of the month last stepped.
    private(set) var guarantee = ExactDecimal.zero

    /// One month: in the first `months` active months the guarantee G is `monthly`, later 0;
    /// `topup = max(0, G − commission)` (0 afterwards); a recoverable draw recovers
    /// `min(balance, max(0, commission − G))` and carries the balance.
    mutating func step(rule: Draw, isActive: Bool, commission: ExactDecimal) -> (topUp: ExactDecimal, recovery: ExactDecimal) {
        if isActive { activeMonths += 1 }
        let guaranteed = isActive && activeMonths <= rule.months
        guarantee = guaranteed ? rule.monthly : .zero
        let topUp = guaranteed ? max(.zero, guarantee - commission) : .zero
        guard rule.kind == .recoverable else { return (topUp, .zero) }
        let recovery = min(balance, max(.zero, commission - guarantee))
        balance += topUp - recovery
        return (topUp, recovery)
    }
}
