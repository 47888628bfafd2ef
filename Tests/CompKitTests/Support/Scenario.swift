@testable import CompKit

/// One run month computed stage by stage (credit → measure → pay → payroll) from plans and deals
/// built in Swift, with look-ups by person and date so tests read like the hand calculation.
struct Scenario {
    let book: PlanBook
    let totals: CreditTotals
    /// Rates the deals needed and fx.csv lacked.
    let missingRates: [MissingRate]
    let measurer: Measurer
    let schedule: PaySchedule
    let payroll: Payroll

    /// `rates` are fx.csv rows: (month, from, to, rate); `payments` payments.csv's rows (deal, paid
    /// date, amount); `paid` the ledger's payments, nil without a ledger.
    init(month runMonth: String, plans: [Plan], deals: [Deal], rates: [(String, Currency, Currency, String)] = [],
         payments: [(String, String, String)] = [], paid: [PaymentLedger.Payment]? = nil) {
        var fx = FXTable()
        for (rateMonth, from, to, rate) in rates { fx.set(dec(rate), month: month(rateMonth), from: from, to: to) }
        book = PlanBook(plans: plans, runMonth: month(runMonth))
        let rows = payments.enumerated().map { line, payment in
            Payments.Payment(dealID: payment.0, paidDate: day(payment.1), amount: dec(payment.2), line: line + 2)
        }
        let credited = Scenario.credit(deals, payments: Payments(source: "payments.csv", payments: rows), book: book, fx: fx)
        totals = credited.totals
        missingRates = Array(credited.missingRates.keys).sorted()
        measurer = Measurer(book: book, totals: totals)
        schedule = PaySchedule(book: book, measurer: measurer)
        payroll = Payroll(book: book, schedule: schedule, paid: paid)
    }

    /// The deals credited as a run credits them (the deals given in code, after the files' none).
    static func credit(_ deals: [Deal], payments: Payments? = nil, book: PlanBook, fx: FXTable) -> CreditPass.Outcome {
        let log = DiagnosticLog()
        // Only writing the month's rows to a temporary file can fail here.
        let outcome = try! CreditPass.run(paths: [], book: book, fx: fx, log: log, givenDeals: deals, payments: payments.map { [$0] } ?? [])
        precondition(log.isEmpty, "the scenario's deals are valid: \(log.sorted)")
        return outcome
    }

    /// The entry of `id` active on `date`.
    func ref(_ id: String, on date: String) -> PlanBook.EntryRef { book.entry(of: id, on: day(date))! }

    private func componentIndex(_ ref: PlanBook.EntryRef, _ component: String) -> Int {
        book.plan(ref).components.firstIndex { $0.id == component }!
    }

    /// A component's credit summed over fiscal months, for the entry of `id` active on `date`.
    func credited(_ id: String, on date: String, _ component: String, months: ClosedRange<Int>) -> ExactDecimal {
        let entry = ref(id, on: date)
        return totals.credited(entry: entry, component: componentIndex(entry, component), months: months)
    }

    /// A SPIFF's amount in one fiscal month, for the entry of `id` active on `date`.
    func spiff(_ id: String, on date: String, _ spiff: String, month: Int) -> ExactDecimal {
        let entry = ref(id, on: date)
        return totals.spiff(entry: entry, spiff: book.plan(entry).spiffs.firstIndex { $0.id == spiff }!, fiscalMonth: month)
    }

    /// Where a component stands at the end of a fiscal month.
    func measure(_ id: String, on date: String, _ component: String, month: Int) -> ComponentMeasure {
        let entry = ref(id, on: date)
        return measurer.measures(entry, component: componentIndex(entry, component), through: month)[month - 1]
    }

    /// Where a component stands at the end of each fiscal month of `months`, measured alone.
    func measures(_ id: String, on date: String, _ component: String, months: ClosedRange<Int>) -> [ComponentMeasure] {
        let entry = ref(id, on: date)
        return measurer.measures(entry, component: componentIndex(entry, component), months: months)
    }

    /// The pay lines of a fiscal month, for the entry of `id` active on `date`.
    func lines(_ id: String, on date: String, month: Int) -> Set<PayLine> {
        Set(schedule.lines[ref(id, on: date)]![month])
    }

    /// The run month's credits.csv rows of one deal, in the order they were posted.
    func rows(deal: String) throws -> [CreditTotals.CreditRow] { try totals.runMonthCredits().filter { $0.dealID == deal } }

    /// The credit of the run month's row for (rep, deal, kind).
    func rowCredit(rep: String, deal: String, kind: CreditTotals.CreditRow.Kind = .credit) throws -> [ExactDecimal] {
        try rows(deal: deal).filter { $0.repID == rep && $0.kind == kind }.map(\.credit)
    }
}

/// Shorthand for a pay line in expectations.
func line(_ type: PayType, _ component: String, _ amount: String) -> PayLine {
    PayLine(type: type, component: component, amount: dec(amount))
}

/// Shorthand for a pay line without component (BASE, DRAW, DRAW_RECOVERY).
func line(_ type: PayType, _ amount: String) -> PayLine { line(type, "", amount) }
