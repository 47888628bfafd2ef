import Foundation

/// The statement files of a run: `statements/<id>.md` and `statements/<id>.html` per participant.
public enum StatementFiles {
    /// The folder, inside a run's output folder, that holds the statements.
    public static let folder = "statements"

    /// The two files of the statement `document` of participant `id` (`comp explain`), named
    /// relative to the output folder.
    public static func files(of document: StatementDocument, participantID id: String) -> [(name: String, bytes: [UInt8])] {
        var renderer = Renderer()
        var files: [(name: String, bytes: [UInt8])] = []
        renderer.forEachFile(titled: document.title, participantID: id, { document.replay(into: &$0) }) { files.append(($0, Array($1))) }
        return files
    }

    /// Renders statements' files as they are laid out, a table's cells written into both files as
    /// they come, into memory it keeps from one statement to the next (a run renders tens of thousands).
    struct Renderer: ~Copyable, StatementSink {
        private var html = RenderedText(capacity: 65_536)
        private var markdown = RenderedText(capacity: 32_768)
        /// The table being written: how many cells make a row, and which cell is being written.
        private var columnTotal = 0, column = 0
        /// Whether the cell being written has text yet (its start is written with its first text).
        private var cellHasText = false
        /// Whether rows are the footer's, and whether a footer row was written.
        private var inFooter = false, footerWritten = false

        /// Calls `body` with each file of `statement` (the `.html`, then the `.md`), named relative
        /// to the output folder; the bytes are valid only during the call.
        mutating func forEachFile(of statement: Statement, _ body: (String, UnsafeRawBufferPointer) throws -> Void) rethrows {
            try forEachFile(titled: StatementLayout.title(of: statement), participantID: statement.participantID,
                            { StatementLayout.layOut(statement, into: &$0) }, body)
        }

        /// The same for the page titled `title` of participant `id` whose blocks `layOut` writes.
        mutating func forEachFile(titled title: String, participantID id: String, _ layOut: (inout Renderer) -> Void,
                                  _ body: (String, UnsafeRawBufferPointer) throws -> Void) rethrows {
            html.removeAll()
            markdown.removeAll()
            HTMLRenderer.start(title: title, into: &html)
            MarkdownRenderer.start(title: title, into: &markdown)
            layOut(&self)
            HTMLRenderer.end(into: &html)
            let base = folder + "/" + fileName(id)
            try html.withBytes { try body(base + ".html", $0) }
            try markdown.withBytes { try body(base + ".md", $0) }
        }

        mutating func heading(_ text: StatementDocument.Text, level: Int) {
            HTMLRenderer.heading(text, level: level, into: &html)
            MarkdownRenderer.heading(text, level: level, into: &markdown)
        }

        mutating func paragraph(_ text: StatementDocument.Text) {
            HTMLRenderer.paragraph(text, into: &html)
            MarkdownRenderer.paragraph(text, into: &markdown)
        }

        // MARK: A table, cell by cell

        mutating func startTable(_ columns: [StatementDocument.Table.Column]) {
            HTMLRenderer.tableStart(columns, into: &html)
            MarkdownRenderer.tableStart(columns, into: &markdown)
            (columnTotal, column, cellHasText, inFooter, footerWritten) = (columns.count, 0, false, false, false)
        }

        var columnCount: Int { columnTotal }

        mutating func appendFigure(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !bytes.isEmpty else { return }
            startCellText()
            html.append(bytes)
            markdown.append(bytes)
        }

        mutating func appendWords(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !bytes.isEmpty else { return }
            startCellText()
            // Most words in a table (deal ids, kinds) hold nothing either format escapes.
            if bytes.allSatisfy(StatementDocument.Table.isPlain) {
                html.append(bytes)
                markdown.append(bytes)
            } else {
                html.append(bytes, escaping: HTMLText.escapes)
                markdown.append(bytes, escaping: MarkdownRenderer.escapes)
            }
        }

        mutating func endCell() {
            if cellHasText { MarkdownRenderer.cellEnd(bold: inFooter, into: &markdown) } else { startCell(bold: false) }
            cellHasText = false
            column += 1
            guard column == columnTotal else { return }
            HTMLRenderer.rowEnd(into: &html)
            MarkdownRenderer.rowEnd(into: &markdown)
            column = 0
        }

        mutating func startFooter() {
            precondition(column == 0, "a row is not finished")
            inFooter = true
        }

        mutating func endTable() {
            precondition(column == 0, "a row is not finished")
            HTMLRenderer.tableEnd(hasFooter: footerWritten, into: &html)
        }

        @inline(__always)
        private mutating func startCellText() {
            guard !cellHasText else { return }
            cellHasText = true
            startCell(bold: inFooter)
        }

        /// A footer row's cells that hold text are bold in Markdown.
        @inline(__always)
        private mutating func startCell(bold: Bool) {
            if column == 0 && inFooter && !footerWritten {
                HTMLRenderer.footerStart(into: &html)
                footerWritten = true
            }
            HTMLRenderer.cellStart(column: column, into: &html)
            MarkdownRenderer.cellStart(column: column, bold: bold, into: &markdown)
        }
    }

    /// A participant id as a file name: letters, digits, `-` and `_` as they are, any other byte
    /// (and a leading `.`) as `%XX`, so no id can reach outside the folder or collide with another.
    public static func fileName(_ id: String) -> String {
        // Most ids are kept as they are: no new string for them.
        if id.utf8.enumerated().allSatisfy({ isKept($1, at: $0) }) { return id }
        var name = ""
        for (index, byte) in id.utf8.enumerated() {
            name += isKept(byte, at: index) ? String(UnicodeScalar(byte)) : "%" + hex(byte)
        }
        return name
    }

    private static func isKept(_ byte: UInt8, at index: Int) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && index > 0)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension StatementFiles {
    /// Writes statement files into a run's output folder (`comp explain`), each file replaced in
    /// one step; the rest of the folder is left as it is.
    public static func write(_ files: [(name: String, bytes: [UInt8])], into folder: String) throws {
        let manager = FileManager.default
        for file in files {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(file.name)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .atomic)
            } catch {
                throw CompError.io(IOFailure(.write, url.path, reason: error.localizedDescription))
            }
        }
    }
}
