/// Renders a statement document as Markdown (GitHub-flavoured tables), for the `.md` statement.
/// Text from the inputs (names, ids) is escaped so it cannot turn into markup.
public enum MarkdownRenderer {
    public static func render(_ document: StatementDocument) -> String {
        var out = "# " + escape(document.title) + "\n"
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let text, let level):
                out += String(repeating: "#", count: min(max(level, 2), 6)) + " " + escape(text) + "\n"
            case .paragraph(let text):
                out += escape(text) + "\n"
            case .table(let table):
                out += render(table)
            }
        }
        return out
    }

    private static func render(_ table: StatementDocument.Table) -> String {
        func line(_ cells: [String], bold: Bool = false) -> String {
            let texts = table.columns.indices.map { column -> String in
                let cell = cells.indices.contains(column) ? escape(cells[column]) : ""
                return bold && !cell.isEmpty ? "**" + cell + "**" : cell
            }
            return "| " + texts.joined(separator: " | ") + " |\n"
        }
        var out = line(table.columns.map(\.title))
        out += "|" + table.columns.map { $0.alignment == .right ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows { out += line(row) }
        for row in table.footer { out += line(row, bold: true) }
        return out
    }

    /// Backslash-escapes the characters Markdown gives a meaning to, and turns line breaks into spaces.
    static func escape(_ text: String) -> String {
        text.escaped { byte in
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return " "
            case _ where special.contains(byte): return "\\" + String(UnicodeScalar(byte))
            default: return nil
            }
        }
    }

    private static let special = Set("\\`*_[]<>|#~!".utf8)
}
