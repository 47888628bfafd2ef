/// Numbers as a finance reader wants them in summary.md and summary.html (the CSV files keep the
/// plain machine form): thousands grouped with `,`, percentages with one decimal.
enum SummaryFormat {
    /// `1,234,567.89` in the currency's decimals; `-1,234.00` when negative.
    static func money(_ amount: ExactDecimal, _ currency: Currency) -> String {
        grouped(currency.format(amount))
    }

    /// The amount as `money` gives it; `–` when it is unknown (an fx rate is missing).
    static func money(_ amount: ExactDecimal?, _ currency: Currency) -> String {
        amount.map { money($0, currency) } ?? "–"
    }

    /// `1,234,567.89 USD`.
    static func moneyCode(_ amount: ExactDecimal, _ currency: Currency) -> String {
        money(amount, currency) + " " + currency.code
    }

    /// A signed change: `+1,234.00`, `-12.50`, `0.00`.
    static func change(_ amount: ExactDecimal, _ currency: Currency) -> String {
        let text = money(amount, currency)
        return amount.rounded(toScale: currency.minorUnits) > .zero ? "+" + text : text
    }

    /// The change as `change` gives it; `–` when it is unknown.
    static func change(_ amount: ExactDecimal?, _ currency: Currency) -> String {
        amount.map { change($0, currency) } ?? "–"
    }

    /// A ratio as a percentage with one decimal: 0.8750 → `87.5 %`; nil → `–`.
    static func percent(_ ratio: ExactDecimal?) -> String {
        guard let ratio else { return "–" }
        return grouped((ratio * ExactDecimal(100)).formatted(decimals: 1)) + " %"
    }

    /// A percentage already in percent (variance's delta_pct), signed: `+12.5 %`.
    static func signedPercent(_ percent: ExactDecimal?) -> String {
        guard let percent else { return "–" }
        let text = grouped(percent.formatted(decimals: 1)) + " %"
        return percent.rounded(toScale: 1) > .zero ? "+" + text : text
    }

    /// Groups the integer digits of a plain decimal in threes.
    static func grouped(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : Substring(plain)
        let integer = body.prefix { $0 != "." }
        let rest = body.dropFirst(integer.count)
        var digits = ""
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { digits.append(",") }
            digits.append(digit)
        }
        return (negative ? "-" : "") + digits + rest
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// `March 2026`.
    static func monthName(_ month: YearMonth) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                     "November", "December"]
        return names[month.month - 1] + " " + String(month.year)
    }
}
