/// A statement or an estimate laid out for reading: headings, paragraphs and tables, with nothing
/// about how they look. `TextRenderer`, `MarkdownRenderer` and `HTMLRenderer` turn it into the
/// terminal text, the `.md` file and the printable `.html` file, so the three always say the same.
public struct StatementDocument: Sendable {
    public enum Block: Sendable {
        /// Level 1 is the document's title; 2 a section; 3 a part of a section.
        case heading(String, level: Int)
        case paragraph(String)
        case table(Table)
    }

    public struct Table: Sendable {
        public enum Alignment: Sendable { case left, right }

        public struct Column: Sendable {
            public var title: String
            public var alignment: Alignment

            public init(_ title: String, _ alignment: Alignment = .left) {
                self.title = title
                self.alignment = alignment
            }
        }

        public var columns: [Column]
        public var rows: [[String]]
        /// Closing rows (totals, residuals), set apart from the body.
        public var footer: [[String]]

        public init(columns: [Column], rows: [[String]], footer: [[String]] = []) {
            self.columns = columns
            self.rows = rows
            self.footer = footer
        }
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public mutating func heading(_ text: String, level: Int = 2) { blocks.append(.heading(text, level: level)) }
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    public mutating func table(_ table: Table) { blocks.append(.table(table)) }
}
