/// A statement's `.md` file, piece by piece (`StatementFiles.Renderer` puts them together):
/// GitHub-flavoured Markdown, text from the inputs (names, ids) escaped so it cannot turn into markup.
enum MarkdownRenderer {
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
