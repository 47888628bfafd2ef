/// The field checks of forecasts.csv, pipeline.csv and expected.csv (§2.3 and §7), made the way
/// the deal and fx readers make them: each problem is logged at the row's line and the field's
/// 1-based number, and the row is dropped.
struct ForecastRowRules {
    let table: CSVTable
    let log: DiagnosticLog
    /// Ids of everyone in any plan; nil when the plans are broken and the set cannot be trusted.
    let participantIDs: Set<String>?

    /// The largest amount accepted, as for deals: 15 integer digits, 6 decimals.
    static let maxIntegerDigits = DealRules.maxAmountIntegerDigits
    static let maxDecimals = 6

    func problem(_ column: Int, _ message: String) {
        log.error(file: table.path, line: table.line, column: column + 1, message)
    }

    /// A required text of at most `DealRules.maxTokenBytes` bytes of UTF-8; without spaces unless `spaces`.
    func text(_ column: Int, name: String, spaces: Bool = false) -> String? {
        let bytes = table.field(column)
        let message: String?
        if bytes.isEmpty {
            message = "\(name) is required"
        } else if bytes.count > DealRules.maxTokenBytes {
            message = "\(name) is longer than \(DealRules.maxTokenBytes) bytes"
        } else if String(validating: bytes, as: UTF8.self) == nil {
            message = "\(name) is not valid UTF-8"
        } else if !spaces && bytes.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            message = "\(name) '\(bytes.string)' must not contain spaces"
        } else {
            message = nil
        }
        if let message {
            problem(column, message)
            return nil
        }
        return bytes.string
    }

    /// A rep id that some plan knows (§7: an unknown id is a validation error).
    func repID(_ column: Int) -> String? {
        guard let id = text(column, name: "rep_id") else { return nil }
        if let participantIDs, !participantIDs.contains(id) {
            problem(column, "rep '\(id)' is not a participant of any plan")
            return nil
        }
        return id
    }

    func month(_ column: Int) -> YearMonth? {
        let text = table.field(column).string
        guard let month = YearMonth(parsing: text) else {
            problem(column, text.isEmpty ? "month is required" : "month '\(text)' is not YYYY-MM")
            return nil
        }
        return month
    }

    func date(_ column: Int, name: String) -> CalendarDate? {
        let bytes = table.field(column)
        guard let date = CalendarDate(parsing: bytes) else {
            problem(column, bytes.isEmpty ? "\(name) is required" : "\(name) '\(bytes.string)' is not a date YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// A decimal ≥ 0 (`.` separator, no sign, no thousands separator).
    func amount(_ column: Int, name: String, maxIntegerDigits: Int = maxIntegerDigits) -> ExactDecimal? {
        let bytes = table.field(column)
        switch ExactDecimal.parse(bytes, maxDecimals: ForecastRowRules.maxDecimals, maxIntegerDigits: maxIntegerDigits) {
        case .success(let value):
            return value
        case .failure(let failure):
            problem(column, bytes.isEmpty ? "\(name) is required" : "\(name) '\(bytes.string)' \(failure.explanation)")
            return nil
        }
    }

    /// A probability in [0, 1].
    func probability(_ column: Int) -> ExactDecimal? {
        guard let value = amount(column, name: "probability", maxIntegerDigits: 1) else { return nil }
        guard value <= ExactDecimal(1) else {
            problem(column, "probability \(value) is not between 0 and 1")
            return nil
        }
        return value
    }

    func currency(_ column: Int) -> Currency? {
        let code = table.field(column).string
        guard let currency = Currency(code: code) else {
            problem(column, code.isEmpty ? "currency is required" : "unknown currency '\(code)' (not an ISO 4217 code)")
            return nil
        }
        return currency
    }
}
