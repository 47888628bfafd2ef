/// Renders a statement document as one self-contained HTML page: inline style, no scripts, no
/// external resources, laid out to print on A4 or Letter (tables do not split across pages where
/// they fit on one, headings stay with what follows).
public enum HTMLRenderer {
    public static func render(_ document: StatementDocument) -> String { bytes(document).string }

    /// The document as the bytes of the `.html` file.
    static func bytes(_ document: StatementDocument) -> RenderedText {
        var out = RenderedText(capacity: 16_384)
        out.append(HTMLText.pageStart(title: document.title, style: style) + "<h1>")
        out.append(document.title, escaping: HTMLText.escapes)
        out.append("</h1>\n")
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                let tag = "h\(min(max(level, 2), 6))"
                out.append("<\(tag)>")
                out.append(text, escaping: HTMLText.escapes)
                out.append("</\(tag)>\n")
            case .paragraph(let text):
                out.append("<p>")
                out.append(text, escaping: HTMLText.escapes)
                out.append("</p>\n")
            case .table(let table):
                render(table, into: &out)
            }
        }
        out.append("</body>\n</html>\n")
        return out
    }

    private static func render(_ table: StatementDocument.Table, into out: inout RenderedText) {
        // Each column's tags made once per table, not once per cell.
        func tags(_ tag: String) -> [(open: String, close: String)] {
            table.columns.map { ($0.alignment == .right ? "<\(tag) class=\"num\">" : "<\(tag)>", "</\(tag)>") }
        }
        let (headTags, bodyTags) = (tags("th"), tags("td"))
        func cells(_ values: [String], tags: [(open: String, close: String)], lineEnd: String = "</tr>\n") {
            out.append("<tr>")
            for column in table.columns.indices {
                out.append(tags[column].open)
                if column < values.count { out.append(values[column], escaping: HTMLText.escapes) }
                out.append(tags[column].close)
            }
            out.append(lineEnd)
        }
        out.append("<table>\n<thead>")
        cells(table.columns.map(\.title), tags: headTags, lineEnd: "</tr>")
        out.append("</thead>\n<tbody>\n")
        for row in table.rows { cells(row, tags: bodyTags) }
        out.append("</tbody>\n")
        if !table.footer.isEmpty {
            out.append("<tfoot>\n")
            for row in table.footer { cells(row, tags: bodyTags) }
            out.append("</tfoot>\n")
        }
        out.append("</table>\n")
    }

    private static let style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px; color: #111;
               max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
        h1 { font-size: 1.5em; border-bottom: 2px solid #111; padding-bottom: .2em; }
        h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
        h3 { font-size: 1.05em; margin-top: 1.2em; }
        table { border-collapse: collapse; margin: .6em 0 1em; }
        th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
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
