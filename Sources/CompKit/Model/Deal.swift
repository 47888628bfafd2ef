/// One closed deal as read from deals.csv or deals.xml (§2.2).
public struct Deal: Sendable {
    public enum Status: String, Sendable { case won, cancelled }

    /// One rep's share of a deal.
    public struct Split: Sendable, Hashable {
        public var repID: String
        /// Percent with at most two decimals; the shares of a deal sum to exactly 100.
        public var percent: ExactDecimal

        public init(repID: String, percent: ExactDecimal) {
            self.repID = repID
            self.percent = percent
        }
    }

    public var id: String
    public var closeDate: CalendarDate
    public var amount: ExactDecimal
    public var currency: Currency
    public var type: String
    public var product: String
    public var splits: [Split]
    public var status: Status
    public var cancelDate: CalendarDate?
    public var createdDate: CalendarDate?
    /// Where the deal was read, for exceptions.csv and diagnostics.
    public var source: SourceLocation

    public init(
        id: String, closeDate: CalendarDate, amount: ExactDecimal, currency: Currency, type: String,
        product: String = "", splits: [Split], status: Status = .won, cancelDate: CalendarDate? = nil,
        createdDate: CalendarDate? = nil, source: SourceLocation = SourceLocation.wholeFile("")
    ) {
        self.id = id
        self.closeDate = closeDate
        self.amount = amount
        self.currency = currency
        self.type = type
        self.product = product
        self.splits = splits
        self.status = status
        self.cancelDate = cancelDate
        self.createdDate = createdDate
        self.source = source
    }
}
