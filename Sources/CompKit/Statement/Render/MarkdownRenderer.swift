/// Renders a statement document as Markdown (GitHub-flavoured tables), for the `.md` statement.
/// Text from the inputs (names, ids) is escaped so it cannot turn into markup.
public enum MarkdownRenderer {
    public static func render(_ document: StatementDocument) -> String {
        var out = RenderedText()
        render(document, into: &out)
        return out.string
    }

    /// Appends the `.md` file of `document` to `out`.
    static func render(_ document: StatementDocument, into out: inout RenderedText) {
        out.append("# ")
        out.append(document.title, escaping: escapes)
        out.append("\n")
        for block in document.blocks {
            out.append("\n")
            switch block {
            case .heading(let text, let level):
                out.append(String(repeating: "#", count: min(max(level, 2), 6)) + " ")
                out.append(text.bytes, escaping: escapes)
                out.append("\n")
            case .paragraph(let text):
                out.append(text.bytes, escaping: escapes)
                out.append("\n")
            case .table(let table):
                render(table, into: &out)
            }
        }
    }

    private static func render(_ table: StatementDocument.Table, into out: inout RenderedText) {
        let columns = table.columns
        out.append("|")
        for title in columns.map(\.title) {
            out.append(" ")
            out.append(title, escaping: escapes)
            out.append(" |")
        }
        out.append("\n|" + columns.map { $0.alignment == .right ? " ---: |" : " --- |" }.joined() + "\n")
        // Before the first cell, between two cells, after the last.
        let (rowStart, between, rowEnd, bold) = (Array("| ".utf8), Array(" | ".utf8), Array(" |\n".utf8), Array("**".utf8))
        table.text.withUnsafeBufferPointer { text in
            for row in 0..<table.rowCount {
                // Footer rows are bold, cell by cell (an empty cell stays empty).
                let isFooter = row >= table.bodyRowCount
                for column in columns.indices {
                    out.append(column == 0 ? rowStart : between)
                    let cell = UnsafeBufferPointer(rebasing: text[table.cellRange(row: row, column: column)])
                    if isFooter && !cell.isEmpty { out.append(bold) }
                    if table.holdsMarkup { out.append(cell, escaping: escapes) } else { out.append(cell) }
                    if isFooter && !cell.isEmpty { out.append(bold) }
                }
                out.append(rowEnd)
            }
        }
    }

    /// Backslash-escapes the characters Markdown gives a meaning to, and turns line breaks into spaces.
    static let escapes = EscapeTable(
        Dictionary(uniqueKeysWithValues: "\\`*_[]<>|#~!".utf8.map { ($0, "\\" + String(UnicodeScalar($0))) })
            .merging([UInt8(ascii: "\n"): " ", UInt8(ascii: "\r"): " "]) { $1 })
}
