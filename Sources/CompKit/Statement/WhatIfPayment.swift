/// A payment `comp estimate --add-payment DEAL:AMOUNT` adds: cash collected on a deal of the deals
/// files, in the deal's currency (negative: a refund), paid on the day the what-if deals close.
public enum WhatIfPayment {
    /// The option's text, as `--add-payment` takes it; the id is everything before the last `:`.
    public static func parse(_ text: String) -> Result<(dealID: String, amount: ExactDecimal), WhatIfDealError> {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex else { return .failure(.payment(text)) }
        let amountText = String(text[text.index(after: colon)...])
        guard let amount = ExactDecimal.parseSigned(amountText, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits),
              !amount.isZero else {
            return .failure(.paymentAmount(amountText))
        }
        return .success((String(text[..<colon]), amount))
    }

    /// The payments to credit after payments.csv's, as if read from the option: the n-th
    /// `--add-payment` is "line" n of `--add-payment` in messages.
    public static func payments(_ additions: [(dealID: String, amount: ExactDecimal)], date: CalendarDate) -> Payments {
        Payments(source: "--add-payment", payments: additions.enumerated().map {
            Payments.Payment(dealID: $1.dealID, paidDate: date, amount: $1.amount, line: $0 + 1)
        })
    }
}
