/// Renders a statement document as Markdown (GitHub-flavoured tables), for the `.md` statement.
/// Text from the inputs (names, ids) is escaped so it cannot turn into markup.
public enum MarkdownRenderer {
    public static func render(_ document: StatementDocument) -> String { bytes(document).string }

    /// The document as the bytes of the `.md` file.
    static func bytes(_ document: StatementDocument) -> RenderedText {
        var out = RenderedText()
        out.append("# ")
        out.append(document.title, escaping: escapes)
        out.append("\n")
        for block in document.blocks {
            out.append("\n")
            switch block {
            case .heading(let text, let level):
                out.append(String(repeating: "#", count: min(max(level, 2), 6)) + " ")
                out.append(text, escaping: escapes)
                out.append("\n")
            case .paragraph(let text):
                out.append(text, escaping: escapes)
                out.append("\n")
            case .table(let table):
                render(table, into: &out)
            }
        }
        return out
    }

    private static func render(_ table: StatementDocument.Table, into out: inout RenderedText) {
        func line(_ cells: [String], bold: Bool = false) {
            out.append("|")
            for column in table.columns.indices {
                let cell = cells.indices.contains(column) ? cells[column] : ""
                out.append(" ")
                if bold && !cell.isEmpty { out.append("**") }
                out.append(cell, escaping: escapes)
                if bold && !cell.isEmpty { out.append("**") }
                out.append(" |")
            }
            out.append("\n")
        }
        line(table.columns.map(\.title))
        out.append("|" + table.columns.map { $0.alignment == .right ? " ---: |" : " --- |" }.joined() + "\n")
        for row in table.rows { line(row) }
        for row in table.footer { line(row, bold: true) }
    }

    /// Backslash-escapes the characters Markdown gives a meaning to, and turns line breaks into spaces.
    static let escapes = EscapeTable(
        Dictionary(uniqueKeysWithValues: "\\`*_[]<>|#~!".utf8.map { ($0, "\\" + String(UnicodeScalar($0))) })
            .merging([UInt8(ascii: "\n"): " ", UInt8(ascii: "\r"): " "]) { $1 })
}
