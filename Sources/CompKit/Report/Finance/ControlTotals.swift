/// The summary's control totals (§5), each one a sum finance can tie to a file: deal rows read,
/// the run month's credits in (converted amounts) and out (rounded credits) with the rounding
/// residual, the chargebacks, and payroll.csv's totals by pay type.
public struct ControlTotals: Sendable {
    /// Rows of a kind in one currency.
    public struct Tally: Sendable, Hashable {
        public var currency: Currency
        public var count: Int
        public var total: ExactDecimal
    }

    /// The run month's own credits in one plan currency.
    public struct Credits: Sendable, Hashable {
        public var currency: Currency
        /// Recomputed from the deals: the exact converted amount in, the rounded credit out.
        public var recomputed: DealActivity.CreditTally
        /// credits.csv's `credit` rows, once per split share (a row per matching component otherwise).
        public var posted: Tally

        /// Whether credits.csv holds exactly the credits the deals give.
        public var reconciles: Bool { posted.count == recomputed.count && posted.total == recomputed.creditOut }
    }

    /// payroll.csv summed for one currency and pay type.
    public struct Pay: Sendable, Hashable {
        public var currency: Currency
        /// nil for a currency's total.
        public var payType: PayType?
        public var rows: Int
        /// The months' own pay, before corrections of closed periods.
        public var computed: ExactDecimal
        public var priorAdjustment: ExactDecimal
        /// payroll.csv's `amount` column: what payroll pays.
        public var amount: ExactDecimal { computed + priorAdjustment }

        mutating func add(_ row: Payroll.Row) {
            rows += 1
            computed += row.computed
            priorAdjustment += row.priorAdjustment
        }
    }

    public var dealRows: Int
    public var won: Int
    public var cancelled: Int
    /// By currency code.
    public var credits: [Credits]
    public var chargebacks: [Tally]
    /// By currency, then pay type in payroll.csv's order.
    public var pay: [Pay]

    init(dealCounts: DealCounts, activity: DealActivity, runMonthCredits: RunMonthCredits, payroll: Payroll) {
        dealRows = dealCounts.dealRows
        won = dealCounts.won
        cancelled = dealCounts.cancelled
        // credits.csv repeats a share once per matching component: each (rep, plan, deal, kind) counts once.
        var posted: [CreditTotals.CreditRow.Kind: [Currency: Tally]] = [:]
        for share in runMonthCredits.postedShares() {
            posted[share.kind, default: [:]][share.currency, default: Tally(currency: share.currency, count: 0, total: .zero)].count += share.count
            posted[share.kind]![share.currency]!.total += share.total
        }
        let currencies = Set(activity.runMonthCredits.keys).union((posted[.credit] ?? [:]).keys).sorted()
        credits = currencies.map { currency in
            Credits(currency: currency, recomputed: activity.runMonthCredits[currency] ?? DealActivity.CreditTally(),
                    posted: posted[.credit]?[currency] ?? Tally(currency: currency, count: 0, total: .zero))
        }
        chargebacks = (posted[.chargeback] ?? [:]).values.sorted { $0.currency < $1.currency }
        // Hundreds of thousands of rows at most a few dozen sums: each row found by its type and currency, once.
        struct SumKey: Hashable {
            var payType: PayType
            var currency: Currency
        }
        var pay: [SumKey: Pay] = [:]
        for row in payroll.rows {
            let key = SumKey(payType: row.key.payType, currency: row.key.currency)
            pay[key, default: Pay(currency: key.currency, payType: key.payType, rows: 0, computed: .zero, priorAdjustment: .zero)]
                .add(row)
        }
        self.pay = pay.values.sorted { ($0.currency, $0.payType?.rawValue ?? -1) < ($1.currency, $1.payType?.rawValue ?? -1) }
    }

    /// payroll.csv's totals for one currency: amount (with its prior adjustment) and rows.
    public func payTotal(_ currency: Currency) -> Pay {
        pay.filter { $0.currency == currency }.reduce(
            Pay(currency: currency, payType: nil, rows: 0, computed: .zero, priorAdjustment: .zero)) { sum, line in
            Pay(currency: currency, payType: nil, rows: sum.rows + line.rows, computed: sum.computed + line.computed,
                priorAdjustment: sum.priorAdjustment + line.priorAdjustment)
        }
    }

    /// The currencies payroll.csv pays in.
    public var payCurrencies: [Currency] { Array(Set(pay.map(\.currency))).sorted() }
}
