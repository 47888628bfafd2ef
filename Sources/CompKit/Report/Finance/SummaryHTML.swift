/// summary.html: the summary as one self-contained page (no network, no scripts), its charts drawn
/// as inline SVG, laid out to print on A4.
enum SummaryHTML {
    static func render(_ document: SummaryDocument) -> [UInt8] {
        var html = HTMLText.pageStart(title: document.title, style: style) + """
            <main>
            <h1>\(escape(document.title))</h1>

            """
        var inSection = false
        var charts = 0
        for block in document.blocks {
            switch block {
            case .heading(let text):
                if inSection { html += "</section>\n" }
                html += "<section>\n<h2>\(inline(text))</h2>\n"
                inSection = true
            case .paragraph(let text):
                html += "<p>\(inline(text))</p>\n"
            case .bullets(let items):
                html += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                html += render(table)
            case .chart(let chart):
                charts += 1
                html += "<figure>\n<figcaption>\(escape(chart.title))</figcaption>\n\(chart.svg(id: "chart-\(charts)"))</figure>\n"
            }
        }
        if inSection { html += "</section>\n" }
        html += "</main>\n</body>\n</html>\n"
        return Array(html.utf8)
    }

    private static func render(_ table: SummaryDocument.Table) -> String {
        func cells(_ row: [String], tag: String) -> String {
            row.enumerated().map { index, text in
                let style = table.numeric.contains(index) ? " class=\"num\"" : table.wraps.contains(index) ? " class=\"wrap\"" : ""
                return "<\(tag)\(style)>\(inline(text))</\(tag)>"
            }.joined()
        }
        var html = "<table>\n<thead><tr>\(cells(table.header, tag: "th"))</tr></thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            html += "<tr\(table.emphasized.contains(index) ? " class=\"total\"" : "")>\(cells(row, tag: "td"))</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Escapes text for HTML, then turns `**bold**` into `<strong>`.
    static func inline(_ text: String) -> String {
        let parts = escape(text).components(separatedBy: "**")
        guard parts.count >= 3 else { return escape(text) }
        return parts.enumerated().map { index, part in
            index % 2 == 1 && index < parts.count - 1 ? "<strong>\(part)</strong>" : (index % 2 == 1 ? "**" + part : part)
        }.joined()
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static let style = """
        body { margin: 0; background: #fff; color: #1a1a1a;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 12px; }
        h2 { font-size: 18px; color: #1f4e79; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #1f4e79; }
        p, ul { margin: 6px 0 12px; }
        li { margin: 2px 0; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #d9d9d9; text-align: left; vertical-align: top; white-space: nowrap; }
        td.wrap { white-space: normal; min-width: 18em; }
        th { background: #eef2f7; font-weight: 600; white-space: normal; vertical-align: bottom; }
        .num { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: 700; border-top: 1.5px solid #1a1a1a; }
        figure { margin: 12px 0 20px; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { font-size: 11px; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          figure, tr { break-inside: avoid; }
          th, td { padding: 2px 5px; }
          td { white-space: normal; }
          td.num { white-space: nowrap; }
          td.wrap { min-width: 0; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
