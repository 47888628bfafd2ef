/// The month's payroll (§3.10, §5, §7): per employee, pay type, component and currency, what
/// payroll pays this month — the run month's pay lines of all their entries added up, plus the
/// correction of closed periods that a ledger shows. payroll.csv's rows (`PayrollReport`).
public struct Payroll: Sendable {
    public struct Row: Sendable, Hashable {
        public var key: PayKey
        public var employeeName: String
        /// computed(m): what the month itself earns.
        public var computed: ExactDecimal
        /// payable(m) − computed(m), where payable(m) = Σ computed(1…m) − Σ paid(1…m−1): the part of
        /// `amount` that corrects closed periods; 0 without a ledger.
        public var priorAdjustment: ExactDecimal

        /// payable(m), payroll.csv's `amount`: what payroll pays this month, adjustment included.
        public var amount: ExactDecimal { computed + priorAdjustment }
    }

    /// Sorted as payroll.csv lists them; rows whose amount and adjustment are both 0 are left out.
    public let rows: [Row]

    /// `paid` holds the ledger's payments of the fiscal year before the run month, nil without a ledger.
    ///
    /// Worked out person by person in byte order of their ids, each person's few keys in a small
    /// list: the rows come out in payroll.csv's order without a dictionary or sort over everyone.
    public init(book: PlanBook, schedule: PaySchedule, paid: [PaymentLedger.Payment]?) {
        var entries: [[PlanBook.EntryRef]] = Array(repeating: [], count: book.people.count)
        for ref in book.participatingEntries { entries[book.person(book.entry(ref).id)!].append(ref) }
        var payments: [String: [PaymentLedger.Payment]] = [:]
        for payment in paid ?? [] { payments[payment.key.employeeID, default: []].append(payment) }
        var ids = book.people.indices.filter { !entries[$0].isEmpty || payments[book.people[$0]] != nil }.map { book.people[$0] }
        let outsiders = payments.keys.filter { book.person($0) == nil }
        if !outsiders.isEmpty { ids = (ids + outsiders).sorted(by: byteOrder) }
        let monthDates = book.runMonth.dates
        var rows: [Row] = []
        for id in ids {
            let refs = book.person(id).map { entries[$0] } ?? []
            var sums: [KeySums] = []
            func slot(for key: PayKey) -> Int {
                if let index = sums.firstIndex(where: { $0.key == key }) { return index }
                sums.append(KeySums(key: key))
                return sums.count - 1
            }
            // employee_name: the latest-starting entry active in the month, else the latest-starting one.
            var name: (active: Bool, start: CalendarDate, name: String)?
            for ref in refs {
                let plan = book.plan(ref)
                let entry = book.entry(ref)
                let active = entry.activeRange.overlapDays(with: monthDates) > 0
                if name.map({ ($0.active ? 1 : 0, $0.start) < (active ? 1 : 0, entry.start) }) ?? true {
                    name = (active, entry.start, entry.name)
                }
                guard let runMonth = schedule.lines.monthCount(ref) else { continue }
                // Earlier months matter only against what a ledger says was paid.
                for month in (paid == nil ? runMonth : 1)...runMonth {
                    for line in schedule.lines.lines(ref, fiscalMonth: month) {
                        let index = slot(for: PayKey(employeeID: id, payType: line.type, component: line.component, currency: plan.currency))
                        sums[index].computedToDate += line.amount
                        if month == runMonth { sums[index].current += line.amount }
                        sums[index].fiscalStart = min(sums[index].fiscalStart ?? plan.fiscalYear.start, plan.fiscalYear.start)
                    }
                }
            }
            for payment in payments[id] ?? [] {
                let known = sums.firstIndex { $0.key == payment.key }
                guard payment.period < book.runMonth, payment.period >= (known.flatMap { sums[$0].fiscalStart } ?? payment.period) else { continue }
                sums[known ?? slot(for: payment.key)].paidToDate += payment.amount
            }
            for sum in sums.sorted(by: { $0.key < $1.key }) {
                let adjustment = paid == nil ? .zero
                    : PriorAdjustment.of(computedToDate: sum.computedToDate, paidToDate: sum.paidToDate, computedThisMonth: sum.current)
                guard !sum.current.isZero || !adjustment.isZero else { continue }
                rows.append(Row(key: sum.key, employeeName: name?.name ?? "", computed: sum.current, priorAdjustment: adjustment))
            }
        }
        self.rows = rows
    }

    /// One key's sums for one person.
    private struct KeySums {
        var key: PayKey
        var current = ExactDecimal.zero
        var computedToDate = ExactDecimal.zero
        var paidToDate = ExactDecimal.zero
        var fiscalStart: YearMonth?
    }

    /// What closing the month records as paid: the amount per key.
    public var payments: [PayKey: ExactDecimal] {
        Dictionary(rows.map { ($0.key, $0.amount) }, uniquingKeysWith: +)
    }
}
