import Foundation

/// Pay rows read back from what comp writes, as `[pay type, component, currency, amount]` plus the
/// prior adjustment when a ledger is used, so a statement or an estimate can be compared with
/// payroll.csv field by field.
enum PayTables {
    /// Splits one CSV line as §7 quotes it (fields quoted only when needed, quotes doubled).
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character = " "
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { field.append(character) }
            } else if character == "\"" {
                if previous == "\"" { field.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }

    /// payroll.csv's rows of one employee.
    static func payroll(_ csv: String, employee: String, adjustments: Bool = false) -> [[String]] {
        let lines = csv.split(separator: "\n")
        let header = fields(lines[0])
        return lines.dropFirst().map { fields($0) }.filter { $0[header.firstIndex(of: "employee_id")!] == employee }.map { row in
            let names = ["pay_type", "component", "currency", "amount"] + (adjustments ? ["prior_adjustment"] : [])
            return names.map { row[header.firstIndex(of: $0)!] }
        }
    }

    /// The body and the footer of the first table after the section heading `heading` of a
    /// statement page (a row a line, `<tr><td>` and `<td>` before each cell), cells unescaped.
    static func htmlTable(_ html: String, after heading: String) -> (rows: [[String]], footer: [[String]]) {
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring("<h2>" + heading + "</h2>")) else { return ([], []) }
        let table = lines[start...].drop { $0 != "<tbody>" }.dropFirst().prefix { $0 != "</table>" }
        func cells(_ line: Substring) -> [String] {
            line.dropFirst("<tr><td>".count).components(separatedBy: "<td>").map { cell in
                [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
                    .reduce(cell) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
            }
        }
        let body = table.prefix { $0 != "</tbody>" }
        let footer = table.drop { $0 != "<tfoot>" }.dropFirst().prefix { $0 != "</tfoot>" }
        return (body.map(cells), footer.map(cells))
    }

    /// A statement's pay rows from its page as `payroll` gives them: pay type, component,
    /// currency, amount and, with a ledger, prior adjustment (the statement's columns are then
    /// pay type, component, currency, this month, prior adjustment, amount).
    static func statement(_ html: String, adjustments: Bool = false) -> [[String]] {
        htmlTable(html, after: "Pay this month").rows.map { row in
            adjustments ? Array(row.prefix(3)) + [row[5], row[4]] : Array(row.prefix(4))
        }
    }

    /// A plain-text table's rows after the heading line `heading`, split on runs of spaces, up to
    /// the rule before its footer: each as (first cell, middle cells joined, last `numbers` cells).
    static func textTable(_ text: String, after heading: String) -> [[String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(heading)) else { return [] }
        // heading, its underline, a blank line, the column titles, their rule; then rows to the next rule.
        return lines[(start + 5)...].prefix { !$0.hasPrefix("---") && !$0.isEmpty }.map { $0.split(separator: " ").map(String.init) }
    }

    /// An estimate's pay rows: `[pay type, component, currency, actual]` and the same with the deals.
    static func estimate(_ text: String) -> (actual: [[String]], whatIf: [[String]]) {
        let rows = textTable(text, after: "Pay this month").map { tokens -> (key: [String], actual: String, whatIf: String) in
            let count = tokens.count
            // pay type, [component], currency, actual, with deals, change
            let key = [tokens[0], tokens[1..<(count - 4)].joined(separator: " "), tokens[count - 4]]
            return (key, tokens[count - 3], tokens[count - 2])
        }
        let nonZero = { (amount: String) in amount.contains { "123456789".contains($0) } }
        return (rows.filter { nonZero($0.actual) }.map { $0.key + [$0.actual] },
                rows.filter { nonZero($0.whatIf) }.map { $0.key + [$0.whatIf] })
    }

    /// Appends a deal to a deals.csv whatever its column order: `values` by column name, the rest empty.
    static func appendDeal(_ values: [String: String], to csv: String) -> String {
        let header = fields(csv.split(separator: "\n")[0])
        let line = header.map { values[$0] ?? "" }.joined(separator: ",")
        return (csv.hasSuffix("\n") ? csv : csv + "\n") + line + "\n"
    }
}
