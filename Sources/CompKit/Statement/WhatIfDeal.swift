/// A deal a rep imagines closing (`comp estimate --add AMOUNT[:TYPE[:PRODUCT]]`): credited 100 % to
/// the rep, in the currency of their plan, on the last day of the run month on which they are paid
/// under a plan, as if it were one more row of deals.csv.
public struct WhatIfDeal: Sendable, Hashable {
    /// The type of a what-if deal given without one.
    public static let defaultType = "new"

    public var amount: ExactDecimal
    public var type: String
    /// Empty when not given, like an empty `product` in deals.csv.
    public var product: String

    public init(amount: ExactDecimal, type: String = WhatIfDeal.defaultType, product: String = "") {
        self.amount = amount
        self.type = type
        self.product = product
    }

    /// Parses `AMOUNT[:TYPE[:PRODUCT]]` with deals.csv's rules: an amount > 0 with at most 6
    /// decimals, tokens without spaces; an empty TYPE is the default type.
    public static func parse(_ text: String) -> Result<WhatIfDeal, WhatIfDealError> {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard case .success(let amount) = ExactDecimal.parse(parts[0], maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits),
              !amount.isZero else {
            return .failure(.amount(parts[0]))
        }
        var deal = WhatIfDeal(amount: amount)
        for (index, token) in parts.enumerated().dropFirst() {
            guard token.utf8.count <= DealRules.maxTokenBytes, !token.contains(where: { $0.isWhitespace || $0 == ":" }) else {
                return .failure(.token(token))
            }
            if index == 1 && !token.isEmpty { deal.type = token }
            if index == 2 { deal.product = token }
        }
        return .success(deal)
    }

    /// Where a participant's what-if deals land: the last day of the run month on which they have
    /// an entry in a plan taking part in the run, and that plan's currency; nil when there is none.
    public static func placement(of id: String, in book: PlanBook) -> (date: CalendarDate, currency: Currency)? {
        var day = book.runMonth.lastDay
        while day >= book.runMonth.firstDay {
            if let ref = book.entry(of: id, on: day), book.participates[ref.plan] { return (day, book.plan(ref).currency) }
            day = day.adding(days: -1)
        }
        return nil
    }

    /// The deal to credit: id `what-if-<number>`, won on `date`, 100 % to `repID`.
    public func deal(number: Int, repID: String, date: CalendarDate, currency: Currency) -> Deal {
        Deal(id: "what-if-\(number)", closeDate: date, amount: amount, currency: currency, type: type, product: product,
             splits: [Deal.Split(repID: repID, percent: ExactDecimal(100))],
             source: SourceLocation.wholeLine("--add", number))
    }
}
