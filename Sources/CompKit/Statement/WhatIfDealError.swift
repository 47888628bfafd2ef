/// Why an `--add` value is not a what-if deal.
public enum WhatIfDealError: Error, Equatable, CustomStringConvertible {
    case amount(String)
    case token(String)
    /// An `--add-payment` value that is not `DEAL:AMOUNT`.
    case payment(String)
    /// An `--add-payment` amount that is 0 or not a decimal.
    case paymentAmount(String)

    public var description: String {
        switch self {
        case .payment(let text):
            return "'\(text)' is not DEAL:AMOUNT (a deal id of the deals files, then the amount paid in the deal's currency)"
        case .paymentAmount(let text):
            return "'\(text)' is not an amount: write a decimal other than 0 (negative for a refund) with at most 6 decimals"
        case .amount(let text):
            return "'\(text)' is not an amount: write a decimal greater than 0 with at most 6 decimals, like 25000 or 1999.99"
        case .token(let text):
            return "'\(text)' is not a type or product: no spaces or ':' (at most \(DealRules.maxTokenBytes) bytes)"
        }
    }
}
