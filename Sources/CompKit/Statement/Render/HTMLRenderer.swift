/// A statement's `.html` file, piece by piece (`StatementFiles.Renderer` puts them together): one
/// self-contained page, inline style, no scripts, no external resources, laid out to print on A4
/// or Letter (tables do not split across pages where they fit on one, headings stay with what
/// follows).
enum HTMLRenderer {
    // MARK: The page, block by block

    /// The page up to and including its title.
    static func start(title: String, into out: inout RenderedText) {
        HTMLText.appendPageStart(title: title, style: style, to: &out)
        out.append("<h1>")
        out.append(title, escaping: HTMLText.escapes)
        out.append("</h1>\n")
    }

    static func heading(_ text: StatementDocument.Text, level: Int, into out: inout RenderedText) {
        let tag = headingTags[min(max(level, 2), 6) - 2]
        out.append(tag.open)
        out.append(text.bytes, escaping: HTMLText.escapes)
        out.append(tag.close)
    }

    static func paragraph(_ text: StatementDocument.Text, into out: inout RenderedText) {
        out.append("<p>")
        out.append(text.bytes, escaping: HTMLText.escapes)
        out.append("</p>\n")
    }

    static func end(into out: inout RenderedText) {
        out.append("</body>\n</html>\n")
    }

    /// `<h2>` to `<h6>`, opening and closing.
    private static let headingTags = (2...6).map { (open: Array("<h\($0)>".utf8), close: Array("</h\($0)>\n".utf8)) }

    // MARK: A table, cell by cell

    /// A table's right-aligned columns are named by its classes (`r5` for the fifth) and aligned
    /// by the page's style, and cells and rows leave out their optional end tags: a cell is `<td>`
    /// and its text, so the page stays close to the size of what it says.
    static func tableStart(_ columns: [StatementDocument.Table.Column], into out: inout RenderedText) {
        precondition(columns.count <= maxColumns, "a statement table has at most \(maxColumns) columns")
        var classes = 0
        for (index, column) in columns.enumerated() where column.alignment == .right {
            out.append(classes == 0 ? "<table class=\"r" : " r")
            if index >= 9 { out.append(UInt8(ascii: "1")) }
            out.append(UInt8(ascii: "0") + UInt8((index + 1) % 10))
            classes += 1
        }
        out.append(classes == 0 ? "<table>\n<thead><tr>" : "\">\n<thead><tr>")
        for column in columns {
            out.append("<th>")
            out.append(column.title, escaping: HTMLText.escapes)
        }
        out.append("</thead>\n<tbody>\n")
    }

    @inline(__always)
    static func cellStart(column: Int, into out: inout RenderedText) {
        let (rowStart, cellStart): (StaticString, StaticString) = ("<tr><td>", "<td>")
        out.append(column == 0 ? rowStart : cellStart)
    }

    @inline(__always)
    static func rowEnd(into out: inout RenderedText) { out.append(UInt8(ascii: "\n")) }

    /// Before the first footer row (closing rows: totals, residuals).
    static func footerStart(into out: inout RenderedText) { out.append("</tbody>\n<tfoot>\n") }

    static func tableEnd(hasFooter: Bool, into out: inout RenderedText) {
        out.append(hasFooter ? "</tfoot>\n</table>\n" : "</tbody>\n</table>\n")
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
