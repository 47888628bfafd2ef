/// Exchange rates by (month, from, to), from fx.csv (§2.3). Only direct pairs are used:
/// no inverse, no cross rates (§7).
public struct FXTable: Sendable {
    struct Key: Hashable {
        var month: YearMonth
        var from: String
        var to: String
    }

    private var rates: [Key: ExactDecimal] = [:]

    public init() {}

    /// The rate to turn an amount in `from` into `to` for a month; 1 for the same currency, nil when missing.
    public func rate(month: YearMonth, from: Currency, to: Currency) -> ExactDecimal? {
        if from == to { return ExactDecimal(1) }
        return rates[Key(month: month, from: from.code, to: to.code)]
    }

    /// Every rate, for tables built from this one.
    var allRates: [Key: ExactDecimal] { rates }

    public mutating func set(_ rate: ExactDecimal, month: YearMonth, from: Currency, to: Currency) {
        rates[Key(month: month, from: from.code, to: to.code)] = rate
    }

    static let requiredColumns = ["month", "from", "to", "rate"]

    /// Limits on a rate, so that `amount × rate × percent` (up to 21 + 12 + 5 digits) and a
    /// roll-up's `credit × rate` stay exact in 128 bits (docs/RELIABILITY.md): at most 6 digits
    /// before the point, 12 after, and 12 significant digits once trailing zeros are dropped.
    static let maxRateIntegerDigits = 6
    static let maxRateSignificantDigits = 12

    /// The value without trailing zeros (`1.500` → `1.5`) and the number of digits left in its mantissa.
    static func trimmed(_ value: ExactDecimal) -> (value: ExactDecimal, digits: Int) {
        var trimmed = value
        while trimmed.scale > 0 && trimmed.mantissa % 10 == 0 {
            trimmed = ExactDecimal(mantissa: trimmed.mantissa / 10, scale: trimmed.scale - 1)
        }
        var digits = 0
        var rest = trimmed.mantissa.magnitude
        while rest != 0 { rest /= 10; digits += 1 }
        return (trimmed, digits)
    }

    /// Reads fx.csv; logs every problem (bad month or code, a rate ≤ 0, a pair given twice).
    static func read(path: String, log: DiagnosticLog) throws -> (table: FXTable, rows: Int) {
        var table = FXTable()
        guard let csv = CSVTable(path: path, required: requiredColumns, log: log) else { return (table, 0) }
        let monthColumn = csv.column("month")!, fromColumn = csv.column("from")!
        let toColumn = csv.column("to")!, rateColumn = csv.column("rate")!
        var seenAt: [Key: Int] = [:]
        try csv.forEachRow(log: log) {
            func problem(_ column: Int, _ message: String) {
                log.error(file: path, line: csv.line, column: column + 1, message)
            }
            let monthText = csv.field(monthColumn).string
            let month = YearMonth(parsing: monthText)
            if month == nil { problem(monthColumn, "month '\(monthText)' is not YYYY-MM") }
            let from = Currency(code: csv.field(fromColumn).string)
            if from == nil { problem(fromColumn, "'\(csv.field(fromColumn).string)' is not an ISO 4217 currency code") }
            let to = Currency(code: csv.field(toColumn).string)
            if to == nil { problem(toColumn, "'\(csv.field(toColumn).string)' is not an ISO 4217 currency code") }
            var rate: ExactDecimal?
            switch ExactDecimal.parse(csv.field(rateColumn), maxDecimals: 12, maxIntegerDigits: FXTable.maxRateIntegerDigits) {
            case .success(let value):
                if value.isZero {
                    problem(rateColumn, "rate must be greater than 0")
                } else if FXTable.trimmed(value).digits > FXTable.maxRateSignificantDigits {
                    problem(rateColumn, "rate '\(csv.field(rateColumn).string)' has more than \(FXTable.maxRateSignificantDigits) significant digits")
                } else {
                    rate = FXTable.trimmed(value).value
                }
            case .failure(let failure):
                problem(rateColumn, "rate '\(csv.field(rateColumn).string)' \(failure.explanation)")
            }
            guard let month, let from, let to, let rate else { return }
            let key = Key(month: month, from: from.code, to: to.code)
            if let first = seenAt[key] {
                log.error(.wholeLine(path, csv.line), "the rate for \(month) \(from.code)→\(to.code) is given twice (first on line \(first))")
                return
            }
            seenAt[key] = csv.line
            table.rates[key] = rate
        }
        return (table, csv.rowCount)
    }
}
