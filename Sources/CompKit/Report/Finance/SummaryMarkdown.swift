/// summary.md: the summary as Markdown a finance person can paste into an email (headings,
/// bullet points and pipe tables; the charts' numbers are in the tables next to them).
enum SummaryMarkdown {
    static func render(_ document: SummaryDocument) -> [UInt8] {
        var lines = ["# " + document.title, ""]
        for block in document.blocks {
            switch block {
            case .heading(let text):
                lines += ["## " + text, ""]
            case .paragraph(let text):
                lines += [text, ""]
            case .bullets(let items):
                lines += items.map { "- " + $0 } + [""]
            case .table(let table):
                lines += render(table) + [""]
            case .chart:
                continue
            }
        }
        return Array((lines.joined(separator: "\n")).utf8)
    }

    private static func render(_ table: SummaryDocument.Table) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let rule = table.header.indices.map { table.numeric.contains($0) ? "---:" : "---" }
        return [line(table.header.map(cell)), line(rule)] + table.rows.enumerated().map { index, row in
            line(row.map { text in
                let escaped = cell(text)
                return table.emphasized.contains(index) && !escaped.isEmpty ? "**" + escaped + "**" : escaped
            })
        }
    }

    /// A table cell: no line breaks, `|` escaped.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
