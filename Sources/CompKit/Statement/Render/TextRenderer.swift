/// Renders a statement document as plain text for the terminal: headings underlined, tables in
/// aligned columns (numbers right-aligned), totals under a rule.
public enum TextRenderer {
    public static func render(_ document: StatementDocument) -> String {
        var out = underline(document.title, with: "=")
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let text, let level):
                out += underline(text, with: level <= 2 ? "-" : "~")
            case .paragraph(let text):
                out += text + "\n"
            case .table(let table):
                out += render(table)
            }
        }
        return out
    }

    private static func underline(_ text: String, with mark: Character) -> String {
        text + "\n" + String(repeating: mark, count: text.count) + "\n"
    }

    private static func render(_ table: StatementDocument.Table) -> String {
        let all = [table.columns.map(\.title)] + table.rows + table.footer
        let widths = table.columns.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = table.columns.indices.map { column -> String in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let fill = String(repeating: " ", count: widths[column] - cell.count)
                return table.columns[column].alignment == .right ? fill + cell : cell + fill
            }
            return trimmedEnd(padded.joined(separator: "  ")) + "\n"
        }
        var out = line(table.columns.map(\.title))
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in table.rows { out += line(row) }
        if !table.footer.isEmpty {
            out += line(widths.map { String(repeating: "-", count: $0) })
            for row in table.footer { out += line(row) }
        }
        return out
    }

    private static func trimmedEnd(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
