import Foundation

/// The statement files of a run: `statements/<id>.html`, one page per participant.
public enum StatementFiles {
    /// The folder, inside a run's output folder, that holds the statements.
    public static let folder = "statements"

    /// The file of the statement `document` of participant `id` (`comp explain`), named relative
    /// to the output folder.
    public static func file(of document: StatementDocument, participantID id: String) -> (name: String, bytes: [UInt8]) {
        var renderer = Renderer()
        return renderer.withFile(titled: document.title, participantID: id, { document.replay(into: &$0) }) { ($0, Array($1)) }
    }

    /// Renders statements' pages as they are laid out, a table's cells written as they come, into
    /// memory it keeps from one statement to the next (a run renders tens of thousands).
    struct Renderer: ~Copyable, StatementSink {
        private var html = RenderedText(capacity: 65_536)
        /// The table being written: how many cells make a row, and which cell is being written.
        private var columnTotal = 0, column = 0
        /// Whether the cell being written has text yet (its start is written with its first text).
        private var cellHasText = false
        /// Whether rows are the footer's, and whether a footer row was written.
        private var inFooter = false, footerWritten = false

        /// Calls `body` with the file of `statement`, named relative to the output folder; the
        /// bytes are valid only during the call.
        mutating func withFile<R>(of statement: Statement, _ body: (String, UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try withFile(titled: StatementLayout.title(of: statement), participantID: statement.participantID,
                         { StatementLayout.layOut(statement, into: &$0) }, body)
        }

        /// The same for the page titled `title` of participant `id` whose blocks `layOut` writes.
        mutating func withFile<R>(titled title: String, participantID id: String, _ layOut: (inout Renderer) -> Void,
                                  _ body: (String, UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            html.removeAll()
            HTMLRenderer.start(title: title, into: &html)
            layOut(&self)
            HTMLRenderer.end(into: &html)
            let name = folder + "/" + fileName(id) + ".html"
            return try html.withBytes { try body(name, $0) }
        }

        mutating func heading(_ text: StatementDocument.Text, level: Int) {
            HTMLRenderer.heading(text, level: level, into: &html)
        }

        mutating func paragraph(_ text: StatementDocument.Text) {
            HTMLRenderer.paragraph(text, into: &html)
        }

        // MARK: A table, cell by cell

        mutating func startTable(_ columns: [StatementDocument.Table.Column]) {
            HTMLRenderer.tableStart(columns, into: &html)
            (columnTotal, column, cellHasText, inFooter, footerWritten) = (columns.count, 0, false, false, false)
        }

        var columnCount: Int { columnTotal }

        mutating func appendFigure(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !bytes.isEmpty else { return }
            startCellText()
            html.append(bytes)
        }

        mutating func appendWords(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !bytes.isEmpty else { return }
            startCellText()
            html.append(bytes, escaping: HTMLText.escapes)
        }

        mutating func endCell() {
            if !cellHasText { startCell() }
            cellHasText = false
            column += 1
            guard column == columnTotal else { return }
            HTMLRenderer.rowEnd(into: &html)
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
            startCell()
        }

        @inline(__always)
        private mutating func startCell() {
            if column == 0 && inFooter && !footerWritten {
                HTMLRenderer.footerStart(into: &html)
                footerWritten = true
            }
            HTMLRenderer.cellStart(column: column, into: &html)
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
    /// Writes a statement file into a run's output folder (`comp explain`), replaced in one step;
    /// the rest of the folder is left as it is.
    public static func write(_ file: (name: String, bytes: [UInt8]), into folder: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(file.name)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url, options: .atomic)
        } catch {
            throw CompError.io(IOFailure(.write, url.path, reason: error.localizedDescription))
        }
    }
}
