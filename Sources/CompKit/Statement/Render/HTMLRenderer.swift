/// Renders a statement document as one self-contained HTML page: inline style, no scripts, no
/// external resources, laid out to print on A4 or Letter (tables do not split across pages where
/// they fit on one, headings stay with what follows).
public enum HTMLRenderer {
    public static func render(_ document: StatementDocument) -> String {
        var out = HTMLText.pageStart(title: document.title, style: style) + """
            <h1>\(escape(document.title))</h1>

            """
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                let tag = "h\(min(max(level, 2), 6))"
                out += "<\(tag)>\(escape(text))</\(tag)>\n"
            case .paragraph(let text):
                out += "<p>\(escape(text))</p>\n"
            case .table(let table):
                out += render(table)
            }
        }
        return out + "</body>\n</html>\n"
    }

    private static func render(_ table: StatementDocument.Table) -> String {
        func cells(_ values: [String], tag: String) -> String {
            table.columns.indices.map { column in
                let value = values.indices.contains(column) ? values[column] : ""
                let align = table.columns[column].alignment == .right ? " class=\"num\"" : ""
                return "<\(tag)\(align)>\(escape(value))</\(tag)>"
            }.joined()
        }
        var out = "<table>\n<thead><tr>" + cells(table.columns.map(\.title), tag: "th") + "</tr></thead>\n<tbody>\n"
        for row in table.rows { out += "<tr>" + cells(row, tag: "td") + "</tr>\n" }
        out += "</tbody>\n"
        if !table.footer.isEmpty {
            out += "<tfoot>\n" + table.footer.map { "<tr>" + cells($0, tag: "td") + "</tr>\n" }.joined() + "</tfoot>\n"
        }
        return out + "</table>\n"
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

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
