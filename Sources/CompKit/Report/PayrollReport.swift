/// payroll.csv (SPEC 5, 7 and 3.10): per employee, pay type, component and currency, the run
/// month's amounts of all their entries added up, with the prior-period adjustment a ledger shows.
public struct PayrollReport: Sendable {
    public struct Row: Sendable, Hashable {
        public var key: PayKey
        public var employeeName: String
        /// computed(m): what the month itself earns.
        public var amount: ExactDecimal
        /// payable(m) − computed(m), where payable(m) = Σ computed(1…m) − Σ paid(1…m−1); 0 without a ledger.
        public var priorAdjustment: ExactDecimal

        /// What is paid this month: the month's amount and the adjustment.
        public var payable: ExactDecimal { amount + priorAdjustment }
    }

    /// Sorted as payroll.csv lists them; rows whose amount and adjustment are both 0 are left out.
    public let rows: [Row]

    /// `paid` holds the ledger's payments of the fiscal year before the run month, nil without a ledger.
    public init(book: PlanBook, schedule: PaySchedule, paid: [PaymentLedger.Payment]?) {
        var current: [PayKey: ExactDecimal] = [:]
        var computedToDate: [PayKey: ExactDecimal] = [:]
        var fiscalStart: [PayKey: YearMonth] = [:]
        // employee_name: the latest-starting entry active in the month, else the latest-starting one.
        var names: [String: (active: Bool, start: CalendarDate, name: String)] = [:]
        let monthDates = DateRange(first: book.runMonth.firstDay, last: book.runMonth.lastDay)
        for ref in book.participatingEntries {
            let plan = book.plan(ref)
            let entry = book.entry(ref)
            let active = entry.activeRange.overlapDays(with: monthDates) > 0
            if names[entry.id].map({ ($0.active ? 1 : 0, $0.start) < (active ? 1 : 0, entry.start) }) ?? true {
                names[entry.id] = (active, entry.start, entry.name)
            }
            guard let runMonth = plan.fiscalYear.fiscalMonth(of: book.runMonth), let lines = schedule.lines[ref] else { continue }
            // Earlier months matter only against what a ledger says was paid.
            for month in (paid == nil ? runMonth : 1)...runMonth {
                for line in lines[month] {
                    let key = PayKey(employeeID: entry.id, payType: line.type, component: line.component, currency: plan.currency)
                    computedToDate[key, default: .zero] += line.amount
                    if month == runMonth { current[key, default: .zero] += line.amount }
                    fiscalStart[key] = min(fiscalStart[key] ?? plan.fiscalYear.start, plan.fiscalYear.start)
                }
            }
        }
        var adjustments: [PayKey: ExactDecimal] = [:]
        if let paid {
            var paidToDate: [PayKey: ExactDecimal] = [:]
            for payment in paid where payment.period < book.runMonth && payment.period >= (fiscalStart[payment.key] ?? payment.period) {
                paidToDate[payment.key, default: .zero] += payment.amount
            }
            for key in Set(computedToDate.keys).union(paidToDate.keys) {
                adjustments[key] = (computedToDate[key] ?? .zero) - (paidToDate[key] ?? .zero) - (current[key] ?? .zero)
            }
        }
        rows = Set(current.keys).union(adjustments.keys).compactMap { key in
            let amount = current[key] ?? .zero
            let adjustment = adjustments[key] ?? .zero
            guard !amount.isZero || !adjustment.isZero else { return nil }
            return Row(key: key, employeeName: names[key.employeeID]?.name ?? "", amount: amount, priorAdjustment: adjustment)
        }.sorted { $0.key < $1.key }
    }

    /// What closing the month records as paid: the payable amount per key.
    public var payments: [PayKey: ExactDecimal] {
        Dictionary(rows.map { ($0.key, $0.payable) }, uniquingKeysWith: +)
    }

    public func csv(period: YearMonth) -> [UInt8] {
        var writer = CSVWriter(header: ["period", "employee_id", "employee_name", "pay_type", "component", "amount",
                                        "currency", "prior_adjustment"])
        for row in rows {
            let money = row.key.currency
            writer.row([period.description, row.key.employeeID, row.employeeName, row.key.payType.label, row.key.component,
                        money.format(row.amount), money.code, money.format(row.priorAdjustment)])
        }
        return writer.bytes
    }
}
