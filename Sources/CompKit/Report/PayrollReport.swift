/// payroll.csv (SPEC 5 and 7): per employee, pay type, component and currency, the run month's
/// amounts of all their entries added up; zero rows left out.
public struct PayrollReport: Sendable {
    public struct Row: Sendable, Hashable {
        public var employeeID: String
        public var employeeName: String
        public var payType: PayType
        public var component: String
        public var amount: ExactDecimal
        public var currency: Currency
        public var priorAdjustment: ExactDecimal
    }

    public let rows: [Row]

    public init(book: PlanBook, schedule: PaySchedule) {
        struct Key: Hashable {
            var employee: String
            var type: PayType
            var component: String
            var currency: Currency
        }
        var sums: [Key: ExactDecimal] = [:]
        var names: [String: (start: CalendarDate, name: String)] = [:]
        let monthDates = DateRange(first: book.runMonth.firstDay, last: book.runMonth.lastDay)
        for ref in book.participatingEntries {
            let plan = book.plan(ref)
            let entry = book.entry(ref)
            if entry.activeRange.overlapDays(with: monthDates) > 0, names[entry.id].map({ $0.start < entry.start }) ?? true {
                names[entry.id] = (entry.start, entry.name)
            }
            guard let month = plan.fiscalYear.fiscalMonth(of: book.runMonth), let lines = schedule.lines[ref] else { continue }
            for line in lines[month] {
                sums[Key(employee: entry.id, type: line.type, component: line.component, currency: plan.currency), default: .zero] += line.amount
            }
        }
        rows = sums.filter { !$0.value.isZero }.map { key, amount in
            Row(employeeID: key.employee, employeeName: names[key.employee]?.name ?? "", payType: key.type,
                component: key.component, amount: amount, currency: key.currency, priorAdjustment: .zero)
        }.sorted { a, b in
            if a.employeeID != b.employeeID { return byteOrder(a.employeeID, b.employeeID) }
            if a.payType != b.payType { return a.payType < b.payType }
            if a.component != b.component { return byteOrder(a.component, b.component) }
            return a.currency < b.currency
        }
    }

    public func csv(period: YearMonth) -> [UInt8] {
        var writer = CSVWriter(header: ["period", "employee_id", "employee_name", "pay_type", "component", "amount",
                                        "currency", "prior_adjustment"])
        for row in rows {
            writer.row([period.description, row.employeeID, row.employeeName, row.payType.label, row.component,
                        row.currency.format(row.amount), row.currency.code, row.currency.format(row.priorAdjustment)])
        }
        return writer.bytes
    }
}
