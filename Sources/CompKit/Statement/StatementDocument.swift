/// A statement or an estimate laid out for reading: headings, paragraphs and tables, with nothing
/// about how they look. `TextRenderer` turns it into the terminal's text; `StatementFiles` into the
/// printable `.html` page (the same renderer a run writes its statements with as they are laid
/// out), so the two always say the same.
public struct StatementDocument: Sendable {
    public enum Block: Sendable {
        /// Level 1 is the document's title; 2 a section; 3 a part of a section.
        case heading(Text, level: Int)
        case paragraph(Text)
        case table(Table)
    }

    /// A table whose cells are written as UTF-8 bytes one after another, numbers and dates straight
    /// from their values: a run's statements hold millions of cells, and a string per cell would
    /// cost more than rendering them.
    public struct Table: Sendable, TableCellWriter {
        public enum Alignment: Sendable { case left, right }

        public struct Column: Sendable {
            public var title: String
            public var alignment: Alignment

            public init(_ title: String, _ alignment: Alignment = .left) {
                self.title = title
                self.alignment = alignment
            }
        }

        public let columns: [Column]
        /// Every cell's text, row after row: the body's rows, then the footer's.
        private(set) var text: [UInt8] = []
        /// Where each cell's text ends in `text`; it starts where the cell before it ends.
        private var cellEnds: [Int] = []
        /// The first footer row (closing rows: totals, residuals), nil without a footer.
        private var footerStart: Int?

        public init(columns: [Column]) {
            self.columns = columns
        }

        /// A table of cells given as strings; a row shorter than the columns ends in empty cells.
        public init(columns: [Column], rows: [[String]], footer: [[String]] = []) {
            self.init(columns: columns)
            for row in rows { self.row(row) }
            if !footer.isEmpty { startFooter() }
            for row in footer { self.row(row) }
        }

        public var rowCount: Int { cellEnds.count / columns.count }
        /// Whether every row has all its cells.
        var isComplete: Bool { cellEnds.count % columns.count == 0 }
        /// The rows before the footer.
        public var bodyRowCount: Int { footerStart ?? rowCount }

        // MARK: Writing, cell by cell

        var columnCount: Int { columns.count }

        mutating func appendFigure(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

        mutating func appendWords(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

        mutating func endCell() { cellEnds.append(text.count) }

        mutating func startFooter() {
            precondition(isComplete, "a row is not finished")
            footerStart = rowCount
        }

        // MARK: Reading

        /// Where the cell at `row`, `column` lies in `text`.
        func cellRange(row: Int, column: Int) -> Range<Int> {
            let index = row * columns.count + column
            return (index == 0 ? 0 : cellEnds[index - 1])..<cellEnds[index]
        }

        /// The cell's text as a string (the terminal's renderer measures its width).
        public func cellText(row: Int, column: Int) -> String {
            String(decoding: text[cellRange(row: row, column: column)], as: UTF8.self)
        }
    }

    public var title: String
    public var blocks: [Block]
    /// The table whose cells are being written into the document (as a `StatementSink`), added to
    /// `blocks` when it ends.
    var tableBeingWritten: Table?

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public mutating func heading(_ text: Text, level: Int = 2) { blocks.append(.heading(text, level: level)) }
    public mutating func paragraph(_ text: Text) { blocks.append(.paragraph(text)) }
    public mutating func table(_ table: Table) {
        precondition(table.isComplete, "a row is not finished")
        blocks.append(.table(table))
    }
}
