/// What the finance reports need from the stream of deals, gathered by the credit pass as the
/// deals go past (`FinanceTally`, nothing of a deal is kept but these sums):
/// - per rep and month of the fiscal year to date, the rep's own credits (forecast actuals, §4);
/// - for the run month: the credits in and out (control totals) and the closed deals (sales metrics).
///
/// A credit counts in the plan of the entry active on the close date, only where the credit stage
/// credits it: in a plan taking part in the run. Roll-up copies and chargebacks never count.
public struct DealActivity: Sendable {
    /// One currency's credits of the run month, once per split share (not per component).
    public struct CreditTally: Sendable, Hashable {
        public var count = 0
        /// Σ amount × fx × percent / 100, exact.
        public var amountIn = ExactDecimal.zero
        /// Σ round(amount × fx × percent / 100): what credits.csv carries.
        public var creditOut = ExactDecimal.zero
        /// What rounding each share to the minor unit added (§7: split residuals are not redistributed).
        public var residual: ExactDecimal { creditOut - amountIn }
    }

    /// Won deals of the run month in one deal currency.
    public struct DealTally: Sendable, Hashable {
        public var count = 0
        public var total = ExactDecimal.zero
    }

    let book: PlanBook
    let fx: FXTable
    /// The months whose actuals are kept: the fiscal year to date.
    let months: ClosedRange<YearMonth>?

    /// Own credits by month of `months` and person (position in `PlanBook.people`): cell
    /// `(month − first month) × people + person` holds the sum in the first plan currency credited
    /// (`actualCurrency`, nil for none); a second currency (a plan change) goes to `otherActuals`.
    /// Made on the first credit, so that a run without actuals keeps no table.
    private var actualCurrency: [Currency?] = []
    private var actualAmount: [ExactDecimal] = []
    private var otherActuals: [Int: [Currency: ExactDecimal]] = [:]
    public internal(set) var runMonthCredits: [Currency: CreditTally] = [:]
    /// Deals whose close date is in the run month, by deal currency; their ids (stage calibration).
    public internal(set) var closedInMonth: [Currency: DealTally] = [:]
    public internal(set) var closedIDs: Set<String> = []
    /// Days from created_date to close_date over the run month's deals that have a created_date
    /// not after the close date.
    public internal(set) var cycleDays = 0
    public internal(set) var cycleDeals = 0
    /// Deals whose cancel_date is in the run month.
    public internal(set) var cancelledInMonth = 0
    /// The first deal whose converted amount took the month's total past `FinanceArithmetic.limit`.
    public internal(set) var tooLarge: SourceLocation?

    init(book: PlanBook, fx: FXTable, months: ClosedRange<YearMonth>?) {
        self.book = book
        self.fx = fx
        self.months = months
    }

    /// The actuals' cell of a person's month, nil for a month not kept.
    private func actualCell(month: YearMonth, person: Int) -> Int? {
        guard let months, months.contains(month) else { return nil }
        return (month.ordinal - months.lowerBound.ordinal) * book.people.count + person
    }

    /// Adds a person's own credit of a month, in the currency of the plan it was credited in.
    mutating func addActual(_ credit: ExactDecimal, currency: Currency, month: YearMonth, person: Int) {
        guard let cell = actualCell(month: month, person: person) else { return }
        if actualCurrency.isEmpty, let months {
            let cells = (months.upperBound.ordinal - months.lowerBound.ordinal + 1) * book.people.count
            actualCurrency = Array(repeating: nil, count: cells)
            actualAmount = Array(repeating: .zero, count: cells)
        }
        switch actualCurrency[cell] {
        case nil:
            actualCurrency[cell] = currency
            actualAmount[cell] = credit
        case currency:
            actualAmount[cell] += credit
        default:
            otherActuals[cell, default: [:]][currency, default: .zero] += credit
        }
    }

    /// Whether a person has an actual above 0 in a month, in any currency.
    func hasPositiveActual(month: YearMonth, person: Int) -> Bool {
        guard let cell = actualCell(month: month, person: person), cell < actualCurrency.count, actualCurrency[cell] != nil else { return false }
        return actualAmount[cell] > .zero || otherActuals[cell]?.values.contains { $0 > .zero } ?? false
    }

    /// Calls `body` with a person's actual of a month in each currency credited, in currency order.
    func forEachActual(month: YearMonth, person: Int, _ body: (Currency, ExactDecimal) -> Void) {
        guard let cell = actualCell(month: month, person: person), cell < actualCurrency.count,
              let currency = actualCurrency[cell] else { return }
        guard var all = otherActuals[cell] else { return body(currency, actualAmount[cell]) }
        all[currency] = actualAmount[cell]
        for (credited, amount) in all.sorted(by: { $0.key < $1.key }) { body(credited, amount) }
    }
}
