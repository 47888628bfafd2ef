/// Renders a statement document as one self-contained HTML page: inline style, no scripts, no
/// external resources, laid out to print on A4 or Letter (tables do not split across pages where
/// they fit on one, headings stay with what follows).
public enum HTMLRenderer {
    public static func render(_ document: StatementDocument) -> String {
        var out = RenderedText(capacity: 16_384)
        render(document, into: &out)
        return out.string
    }

    /// Appends the `.html` file of `document` to `out`.
    static func render(_ document: StatementDocument, into out: inout RenderedText) {
        HTMLText.appendPageStart(title: document.title, style: style, to: &out)
        out.append("<h1>")
        out.append(document.title, escaping: HTMLText.escapes)
        out.append("</h1>\n")
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                let tag = "h\(min(max(level, 2), 6))"
                out.append("<\(tag)>")
                out.append(text.bytes, escaping: HTMLText.escapes)
                out.append("</\(tag)>\n")
            case .paragraph(let text):
                out.append("<p>")
                out.append(text.bytes, escaping: HTMLText.escapes)
                out.append("</p>\n")
            case .table(let table):
                render(table, into: &out)
            }
        }
        out.append("</body>\n</html>\n")
    }

    /// A table's right-aligned columns are named by its classes (`r5` for the fifth) and aligned
    /// by the page's style, and cells and rows leave out their optional end tags: a cell is `<td>`
    /// and its text, so the page stays close to the size of what it says.
    private static func render(_ table: StatementDocument.Table, into out: inout RenderedText) {
        let columns = table.columns
        precondition(columns.count <= maxColumns, "a statement table has at most \(maxColumns) columns")
        let right = columns.indices.filter { columns[$0].alignment == .right }.map { "r\($0 + 1)" }
        out.append(right.isEmpty ? "<table>\n<thead><tr>" : "<table class=\"\(right.joined(separator: " "))\">\n<thead><tr>")
        for title in columns.map(\.title) {
            out.append("<th>")
            out.append(title, escaping: HTMLText.escapes)
        }
        out.append("</thead>\n<tbody>\n")
        let (rowStart, cellStart) = (Array("<tr><td>".utf8), Array("<td>".utf8))
        table.text.withUnsafeBufferPointer { text in
            for row in 0..<table.rowCount {
                if row == table.bodyRowCount { out.append("</tbody>\n<tfoot>\n") }
                for column in columns.indices {
                    out.append(column == 0 ? rowStart : cellStart)
                    let cell = UnsafeBufferPointer(rebasing: text[table.cellRange(row: row, column: column)])
                    if table.holdsMarkup { out.append(cell, escaping: HTMLText.escapes) } else { out.append(cell) }
                }
                out.append(UInt8(ascii: "\n"))
            }
        }
        out.append(table.bodyRowCount < table.rowCount ? "</tfoot>\n</table>\n" : "</tbody>\n</table>\n")
    }

    /// The most columns a table has (the style aligns columns up to this one).
    private static let maxColumns = 12

    private static let style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px; color: #111;
               max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
        h1 { font-size: 1.5em; border-bottom: 2px solid #111; padding-bottom: .2em; }
        h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
        h3 { font-size: 1.05em; margin-top: 1.2em; }
        table { border-collapse: collapse; margin: .6em 0 1em; }
        th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        \((1...maxColumns).map { ".r\($0) td:nth-child(\($0)), .r\($0) th:nth-child(\($0))" }.joined(separator: ",\n"))
          { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tfoot td { font-weight: bold; border-top: 2px solid #111; }
        @media print {
          body { font-size: 10pt; margin: 0; max-width: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          table { break-inside: avoid; page-break-inside: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          th { background: none; }
        }
        """
}
