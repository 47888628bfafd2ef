/// Renders a statement document as plain text for the terminal: headings underlined, tables in
/// aligned columns (numbers right-aligned), totals under a rule.
public enum TextRenderer {
    public static func render(_ document: StatementDocument) -> String {
        var out = underline(document.title, with: "=")
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let text, let level):
                out += underline(text.description, with: level <= 2 ? "-" : "~")
            case .paragraph(let text):
                out += text.description + "\n"
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
        let columns = table.columns.indices
        let cells = (0..<table.rowCount).map { row in columns.map { table.cellText(row: row, column: $0) } }
        let all = [table.columns.map(\.title)] + cells
        let widths = columns.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = columns.map { column -> String in
                let fill = String(repeating: " ", count: widths[column] - cells[column].count)
                return table.columns[column].alignment == .right ? fill + cells[column] : cells[column] + fill
            }
            return trimmedEnd(padded.joined(separator: "  ")) + "\n"
        }
        let rule = line(widths.map { String(repeating: "-", count: $0) })
        var out = line(table.columns.map(\.title)) + rule
        for (row, cells) in cells.enumerated() {
            if row == table.bodyRowCount { out += rule }
            out += line(cells)
        }
        return out
    }

    private static func trimmedEnd(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
