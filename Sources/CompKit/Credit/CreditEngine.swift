/// The credit stage (§3.1–3.3 and §7): turns each deal into credits, chargebacks and manager
/// roll-up copies, converted into plan currency, and folds them into `CreditTotals`.
///
/// Deals arrive one at a time and nothing of them is kept but the totals, the run month's rows
/// for credits.csv and exceptions.
public struct CreditEngine {
    public let book: PlanBook
    public let fx: FXTable
    public private(set) var totals: CreditTotals
    /// Rates the run needs but fx.csv lacks, with the first deal that needed each.
    public private(set) var missingRates: [MissingRate: SourceLocation] = [:]

    /// A (month, from, to) rate that is not in fx.csv.
    public struct MissingRate: Hashable, Sendable, Comparable {
        public var month: YearMonth
        public var from: String
        public var to: String

        public static func < (lhs: MissingRate, rhs: MissingRate) -> Bool {
            (lhs.month, lhs.from, lhs.to) < (rhs.month, rhs.from, rhs.to)
        }
    }

    /// Whose rows of every date to keep in `totals.capturedCredits`.
    public let capture: RunOptions.Capture

    public init(book: PlanBook, fx: FXTable, capture: RunOptions.Capture = .none) {
        self.book = book
        self.fx = fx
        self.capture = capture
        totals = CreditTotals(book: book)
    }

    /// Keeps a row for credits.csv (run month) and for statements (when captured).
    private mutating func record(_ row: CreditTotals.CreditRow) {
        if row.creditDate.yearMonth == book.runMonth { totals.simpleRunMonthRows.append(row) }
        switch capture {
        case .none: break
        case .all: totals.capturedCredits.append(row)
        case .participants(let ids): if ids.contains(row.repID) { totals.capturedCredits.append(row) }
        }
    }

    private var runEnd: CalendarDate { book.runMonth.lastDay }

    /// Credits one deal: a credit per split share, and a chargeback when it was cancelled inside
    /// the clawback window of the plan active on its close date.
    public mutating func credit(_ deal: Deal) {
        guard deal.closeDate <= runEnd else { return }
        for split in deal.splits {
            guard let ref = book.entry(of: split.repID, on: deal.closeDate) else {
                if deal.closeDate.yearMonth == book.runMonth {
                    exception(deal, CreditException.noEntry(rep: split.repID, on: deal.closeDate))
                }
                continue
            }
            post(.credit, deal: deal, split: split, to: ref, on: deal.closeDate)
            if deal.status == .cancelled, let cancelDate = deal.cancelDate, cancelDate <= runEnd {
                chargeBack(deal, split: split, creditedTo: ref, cancelDate: cancelDate)
            }
        }
    }

    private mutating func chargeBack(_ deal: Deal, split: Deal.Split, creditedTo ref: PlanBook.EntryRef, cancelDate: CalendarDate) {
        let plan = book.plan(ref)
        let reported = cancelDate.yearMonth == book.runMonth
        let days = cancelDate.dayNumber - deal.closeDate.dayNumber
        guard let window = plan.clawback?.windowDays else {
            if reported {
                exception(deal, CreditException.noClawback(rep: split.repID, plan: plan.id, cancelDate: cancelDate))
            }
            return
        }
        guard days <= window else {
            if reported {
                exception(deal, CreditException.outsideWindow(rep: split.repID, plan: plan.id, days: days, window: window))
            }
            return
        }
        guard let landing = book.entry(of: split.repID, on: cancelDate) else {
            if reported {
                exception(deal, CreditException.noEntryOnCancel(rep: split.repID, cancelDate: cancelDate))
            }
            return
        }
        post(.chargeback, deal: deal, split: split, to: landing, on: cancelDate)
    }

    /// Adds one credit or chargeback to the entry's matching components and SPIFFs, and its copies
    /// to the `team` components of every manager above it.
    private mutating func post(
        _ kind: CreditTotals.CreditRow.Kind, deal: Deal, split: Deal.Split, to ref: PlanBook.EntryRef, on date: CalendarDate
    ) {
        let plan = book.plan(ref)
        let entry = book.entry(ref)
        let ownMonth = book.countedMonth(of: date, in: ref)
        let inRunMonth = date.yearMonth == book.runMonth
        let managers = book.managerChain(of: ref, on: date).compactMap { manager -> (PlanBook.EntryRef, Int, [Int])? in
            guard let month = book.countedMonth(of: date, in: manager) else { return nil }
            let components = book.plan(manager).components.indices.filter {
                let component = book.plan(manager).components[$0]
                return component.creditFrom == .team && component.filter.matches(type: deal.type, product: deal.product)
            }
            return components.isEmpty ? nil : (manager, month, components)
        }
        if ownMonth == nil && inRunMonth {
            exception(deal, CreditException.planOutsideRun(rep: split.repID, date: date, plan: plan.id, runMonth: book.runMonth, kind: kind))
        }
        guard ownMonth != nil || !managers.isEmpty else { return }
        let closeMonth = deal.closeDate.yearMonth
        guard let rate = rate(month: closeMonth, from: deal.currency, to: plan.currency, neededBy: deal) else { return }

        // credit = round(amount × fx × percent / 100), negated for a chargeback.
        let magnitude = CreditMath.credit(amount: deal.amount, rate: rate, percent: split.percent, currency: plan.currency)
        let amount = kind == .chargeback ? -magnitude : magnitude

        func row(_ kind: CreditTotals.CreditRow.Kind, rep: String, plan: Plan, component: String, credit: ExactDecimal) -> CreditTotals.CreditRow {
            CreditTotals.CreditRow(
                repID: rep, planID: plan.id, component: component, dealID: deal.id, creditDate: date, kind: kind,
                dealAmount: deal.amount, dealCurrency: deal.currency, fxRate: rate, percent: split.percent,
                credit: credit, planCurrency: plan.currency)
        }

        if let month = ownMonth {
            let components = plan.components.indices.filter {
                plan.components[$0].creditFrom == .own && plan.components[$0].filter.matches(type: deal.type, product: deal.product)
            }
            for component in components {
                totals.addCredit(amount, entry: ref, component: component, fiscalMonth: month)
            }
            for (index, spiff) in plan.spiffs.enumerated() where spiff.filter.matches(type: deal.type, product: deal.product) {
                let spiffAmount = SpiffMath.amount(spiff, percent: split.percent, credit: amount,
                                                   isReversal: kind == .chargeback, currency: plan.currency)
                totals.addSpiff(spiffAmount, entry: ref, spiff: index, fiscalMonth: month)
            }
            let names = components.isEmpty ? [""] : components.map { plan.components[$0].id }
            for name in names {
                record(row(kind, rep: entry.id, plan: plan, component: name, credit: amount))
            }
        }

        for (manager, month, components) in managers {
            let managerPlan = book.plan(manager)
            var copy = amount
            if managerPlan.currency != plan.currency {
                guard let conversion = self.rate(month: closeMonth, from: plan.currency, to: managerPlan.currency, neededBy: deal) else { continue }
                copy = managerPlan.currency.round(amount * conversion)
            }
            for component in components {
                totals.addCredit(copy, entry: manager, component: component, fiscalMonth: month)
                record(row(.rollup, rep: book.entry(manager).id, plan: managerPlan,
                           component: managerPlan.components[component].id, credit: copy))
            }
        }
    }

    private mutating func rate(month: YearMonth, from: Currency, to: Currency, neededBy deal: Deal) -> ExactDecimal? {
        if let rate = fx.rate(month: month, from: from, to: to) { return rate }
        let key = MissingRate(month: month, from: from.code, to: to.code)
        if missingRates[key] == nil { missingRates[key] = deal.source }
        return nil
    }

    private mutating func exception(_ deal: Deal, _ reason: String) {
        totals.exceptions.append(CreditTotals.ExceptionRow(source: deal.source.file, line: deal.source.line, id: deal.id, reason: reason))
    }
}
