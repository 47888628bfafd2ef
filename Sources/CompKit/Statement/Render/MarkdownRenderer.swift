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
        start(title: document.title, into: &out)
        for block in document.blocks {
            switch block {
            case .heading(let text, let level): heading(text, level: level, into: &out)
            case .paragraph(let text): paragraph(text, into: &out)
            case .table(let table): render(table, into: &out)
            }
        }
    }

    // MARK: The file, block by block (each block after a blank line)

    static func start(title: String, into out: inout RenderedText) {
        out.append("# ")
        out.append(title, escaping: escapes)
        out.append("\n")
    }

    static func heading(_ text: StatementDocument.Text, level: Int, into out: inout RenderedText) {
        out.append(headingMarks[min(max(level, 2), 6) - 2])
        out.append(text.bytes, escaping: escapes)
        out.append("\n")
    }

    static func paragraph(_ text: StatementDocument.Text, into out: inout RenderedText) {
        out.append("\n")
        out.append(text.bytes, escaping: escapes)
        out.append("\n")
    }

    /// The blank line and `##` to `######` before a heading of level 2 to 6.
    private static let headingMarks = (2...6).map { Array(("\n" + String(repeating: "#", count: $0) + " ").utf8) }

    static func render(_ table: StatementDocument.Table, into out: inout RenderedText) {
        tableStart(table.columns, into: &out)
        table.text.withUnsafeBufferPointer { text in
            for row in 0..<table.rowCount {
                let isFooter = row >= table.bodyRowCount
                for column in table.columns.indices {
                    let cell = UnsafeBufferPointer(rebasing: text[table.cellRange(row: row, column: column)])
                    let bold = isFooter && !cell.isEmpty
                    cellStart(column: column, bold: bold, into: &out)
                    if table.holdsMarkup { out.append(cell, escaping: escapes) } else { out.append(cell) }
                    cellEnd(bold: bold, into: &out)
                }
                rowEnd(into: &out)
            }
        }
    }

    // MARK: A table, cell by cell

    /// The blank line before a table, its columns' titles and their alignment.
    static func tableStart(_ columns: [StatementDocument.Table.Column], into out: inout RenderedText) {
        out.append("\n|")
        for column in columns {
            out.append(" ")
            out.append(column.title, escaping: escapes)
            out.append(" |")
        }
        out.append("\n|")
        for column in columns { out.append(column.alignment == .right ? " ---: |" : " --- |") }
        out.append("\n")
    }

    /// Before a cell's text: `| ` before a row's first, ` | ` between two. A footer row's cells
    /// that hold text are bold (an empty cell stays empty).
    @inline(__always)
    static func cellStart(column: Int, bold: Bool, into out: inout RenderedText) {
        let (rowStart, between, boldMark): (StaticString, StaticString, StaticString) = ("| ", " | ", "**")
        out.append(column == 0 ? rowStart : between)
        if bold { out.append(boldMark) }
    }

    @inline(__always)
    static func cellEnd(bold: Bool, into out: inout RenderedText) {
        if bold { out.append("**" as StaticString) }
    }

    @inline(__always)
    static func rowEnd(into out: inout RenderedText) { out.append(" |\n" as StaticString) }

    /// Backslash-escapes the characters Markdown gives a meaning to, and turns line breaks into spaces.
    static let escapes = EscapeTable(
        Dictionary(uniqueKeysWithValues: "\\`*_[]<>|#~!".utf8.map { ($0, "\\" + String(UnicodeScalar($0))) })
            .merging([UInt8(ascii: "\n"): " ", UInt8(ascii: "\r"): " "]) { $1 })
}
