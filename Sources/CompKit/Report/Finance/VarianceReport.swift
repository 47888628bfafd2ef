/// variance.csv and the summary's "what changed" (§5 and §7): each person's total variable pay
/// (every pay type but BASE) against last month, against target and against what they expect,
/// and their prior-period adjustments when a ledger is used; flagged when the change is large.
public struct VarianceReport: Sendable {
    public enum Measure: Int, Sendable, CaseIterable, Comparable {
        case lastMonth, target, expected, priorAdjustment

        public var label: String {
            switch self {
            case .lastMonth: return "last_month"
            case .target: return "target"
            case .expected: return "expected"
            case .priorAdjustment: return "prior_adjustment"
            }
        }

        public static func < (lhs: Measure, rhs: Measure) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// When a change is worth a look: `|delta| ≥ amount` and (`|delta_pct| ≥ percent` or baseline 0),
    /// never when delta is 0 (§7). `percent` is in percent: 10 means 10 %.
    public struct Thresholds: Sendable, Hashable {
        public var percent: ExactDecimal
        public var amount: ExactDecimal

        public init(percent: ExactDecimal, amount: ExactDecimal) {
            self.percent = percent
            self.amount = amount
        }

        /// `--threshold-pct 10 --threshold-amount 100`.
        public static let standard = Thresholds(percent: ExactDecimal(10), amount: ExactDecimal(100))

        public func flags(delta: ExactDecimal, baseline: ExactDecimal) -> Bool {
            guard !delta.isZero, delta.magnitude >= amount else { return false }
            // |delta| / |baseline| × 100 ≥ percent, without dividing.
            return baseline.isZero || delta.magnitude * ExactDecimal(100) >= percent * baseline.magnitude
        }
    }

    /// One measure of one person. `current` or `baseline` is nil when adding up pay in two
    /// currencies needs an fx rate that is missing (§7): those cells are blank, never flagged.
    public struct Row: Sendable, Hashable {
        public var employeeID: String
        public var measure: Measure
        public var current: ExactDecimal?
        public var baseline: ExactDecimal?
        public var currency: Currency
        public var flagged: Bool

        public var delta: ExactDecimal? {
            guard let current, let baseline else { return nil }
            return current - baseline
        }

        /// `delta / |baseline| × 100` to 6 decimals (a fall is negative); nil when the baseline is 0.
        public var deltaPercent: ExactDecimal? {
            guard let delta, let baseline, !baseline.isZero else { return nil }
            return ExactDecimal.quotient(delta * ExactDecimal(100), baseline.magnitude, scale: 6)
        }
    }

    /// One person's variable pay by pay type, this month and last: the "why" of a change. Only for
    /// people whose pay adds up without a missing fx rate.
    public struct Movement: Sendable, Hashable {
        public var employeeID: String
        public var name: String
        public var currency: Currency
        public var current: [PayType: ExactDecimal]
        public var last: [PayType: ExactDecimal]

        public var currentTotal: ExactDecimal { current.values.reduce(.zero, +) }
        public var lastTotal: ExactDecimal { last.values.reduce(.zero, +) }
        public var delta: ExactDecimal { currentTotal - lastTotal }
    }

    public var period: YearMonth
    /// Sorted by employee id (bytes), then measure in the order above.
    public var rows: [Row]
    /// Sorted by employee id.
    public var movements: [Movement]
    public var thresholds: Thresholds

    /// `expected` is nil without expected.csv; `hasLedger` adds the prior_adjustment rows.
    init(book: PlanBook, schedule: PaySchedule, payroll: Payroll, expected: RepMonthAmounts?, hasLedger: Bool,
         thresholds: Thresholds, directory: RepDirectory, checks: FinanceChecks) {
        let runMonth = book.runMonth
        let lastMonth = runMonth.adding(months: -1)
        period = runMonth
        self.thresholds = thresholds
        // Everyone by position in `book.people`, with the entry that speaks for them in the run month.
        let runMonthEntry = book.people.indices.map { directory.entry(person: $0, in: runMonth) }
        var isListed = Array(repeating: false, count: book.people.count)
        var current = Array(repeating: [PayType: ExactDecimal](), count: book.people.count)
        var last = Array(repeating: [PayType: ExactDecimal](), count: book.people.count)
        var adjustments = Array(repeating: ExactDecimal.zero, count: book.people.count)
        var names = Array(repeating: String?.none, count: book.people.count)
        let monthDates = runMonth.dates
        for ref in book.participatingEntries where book.entry(ref).activeRange.overlapDays(with: monthDates) > 0 {
            isListed[book.person(book.entry(ref).id)!] = true
        }
        for rep in expected?.reps(in: runMonth) ?? [] {
            if let person = book.person(rep) { isListed[person] = true }
        }

        // People with pay in another currency whose rate is missing, per sum: their cells are blank.
        var currentUnknown = Array(repeating: false, count: book.people.count)
        var lastUnknown = Array(repeating: false, count: book.people.count)
        var adjustmentsUnknown = Array(repeating: false, count: book.people.count)

        /// An amount in the person's currency: converted at the month's rate and rounded when paid in
        /// another; nil when the rate is missing.
        func converted(_ amount: ExactDecimal, from: Currency, month: YearMonth, for person: Int) -> ExactDecimal? {
            guard let ref = runMonthEntry[person] else { return amount }
            let to = book.plan(ref).currency
            guard from != to else { return amount }
            let value = checks.convert(amount, month: month, from: from, to: to,
                                      neededBy: SourceLocation.wholeFile(book.plan(ref).sourcePath),
                                      for: "to add up \(book.people[person])'s pay in \(to.code) for variance.csv; "
                                          + "the cells it fills are left blank")
            return value.map(to.round)
        }

        // Payroll rows come grouped by person; people in no plan have no row here.
        var rowID: String?
        var rowPerson: Int?
        for row in payroll.rows {
            let id = row.key.employeeID
            if id != rowID {
                rowID = id
                rowPerson = book.person(id)
            }
            guard let person = rowPerson else { continue }
            isListed[person] = true
            names[person] = row.employeeName
            if let adjustment = converted(row.priorAdjustment, from: row.key.currency, month: runMonth, for: person) {
                adjustments[person] += adjustment
            } else {
                adjustmentsUnknown[person] = true
            }
            guard row.key.payType != .base else { continue }
            // The month's own pay: corrections of closed periods are the prior_adjustment measure.
            if let computed = converted(row.computed, from: row.key.currency, month: runMonth, for: person) {
                current[person][row.key.payType, default: .zero] += computed
            } else {
                currentUnknown[person] = true
            }
        }
        // Last month from the pay schedule; nothing before the first month of a fiscal year.
        for ref in book.participatingEntries {
            let plan = book.plan(ref)
            guard let month = plan.fiscalYear.fiscalMonth(of: runMonth), month > 1, schedule.lines.monthCount(ref) != nil else { continue }
            let person = book.person(book.entry(ref).id)!
            for line in schedule.lines.lines(ref, fiscalMonth: month - 1) where line.type != .base {
                if let amount = converted(line.amount, from: plan.currency, month: lastMonth, for: person) {
                    last[person][line.type, default: .zero] += amount
                } else {
                    lastUnknown[person] = true
                }
            }
        }

        var rows: [Row] = []
        var movements: [Movement] = []
        for person in book.people.indices where isListed[person] {
            guard let ref = runMonthEntry[person] else { continue }
            let id = book.people[person]
            let money = book.plan(ref).currency
            let movement = Movement(employeeID: id, name: names[person] ?? book.entry(ref).name, currency: money,
                                    current: current[person], last: last[person])
            if !currentUnknown[person] && !lastUnknown[person] { movements.append(movement) }
            func add(_ measure: Measure, current: ExactDecimal?, baseline: ExactDecimal?) {
                let flagged = current.flatMap { current in baseline.map { thresholds.flags(delta: current - $0, baseline: $0) } } ?? false
                rows.append(Row(employeeID: id, measure: measure, current: current, baseline: baseline, currency: money, flagged: flagged))
            }
            let variable = currentUnknown[person] ? nil : movement.currentTotal
            add(.lastMonth, current: variable, baseline: lastUnknown[person] ? nil : movement.lastTotal)
            add(.target, current: variable, baseline: ExactDecimal.quotient(
                book.entry(ref).targetIncentiveAnnual, ExactDecimal(12), scale: money.minorUnits))
            if let expected = expected?.amount(rep: id, month: runMonth) {
                add(.expected, current: variable, baseline: expected)
            }
            if hasLedger {
                add(.priorAdjustment, current: adjustmentsUnknown[person] ? nil : adjustments[person], baseline: .zero)
            }
        }
        self.rows = rows
        self.movements = movements
    }

    public func csv() -> [UInt8] {
        var writer = CSVWriter(header: ["period", "employee_id", "measure", "current", "baseline", "delta", "delta_pct", "flag"])
        for row in rows {
            let money = row.currency
            writer.row([period.description, row.employeeID, row.measure.label, row.current.map(money.format) ?? "",
                        row.baseline.map(money.format) ?? "", row.delta.map(money.format) ?? "",
                        row.deltaPercent?.formatted(decimals: 6) ?? "", row.flagged ? "Y" : ""])
        }
        return writer.bytes
    }
}
