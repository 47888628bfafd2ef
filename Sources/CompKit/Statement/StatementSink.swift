/// What `StatementLayout` writes a statement into, block by block in reading order: a
/// `StatementDocument` kept whole (the terminal's `comp explain`), or the statement's two files
/// rendered as it is laid out (a run writes tens of thousands, and keeping each as a document
/// first would cost more than rendering it).
protocol StatementSink: ~Copyable {
    /// Level 2 is a section; 3 a part of a section.
    mutating func heading(_ text: StatementDocument.Text, level: Int)
    mutating func paragraph(_ text: StatementDocument.Text)
    /// A table of `columns` whose rows `fill` writes.
    mutating func table(_ columns: [StatementDocument.Table.Column], _ fill: (inout StatementDocument.Table) -> Void)
}

extension StatementDocument: StatementSink {
    mutating func table(_ columns: [Table.Column], _ fill: (inout Table) -> Void) {
        var table = Table(columns: columns)
        fill(&table)
        self.table(table)
    }
}
