/// What `StatementLayout` writes a statement into, block by block in reading order: a
/// `StatementDocument` kept whole (the terminal's `comp explain`), or the statement's page
/// rendered as it is laid out (a run writes tens of thousands, and keeping each as a document
/// first would cost more than rendering it). A table's cells are written into the sink itself,
/// between `startTable(_:)` and `endTable()`.
protocol StatementSink: TableCellWriter, ~Copyable {
    /// Level 2 is a section; 3 a part of a section.
    mutating func heading(_ text: StatementDocument.Text, level: Int)
    mutating func paragraph(_ text: StatementDocument.Text)
    /// Starts a table of `columns`; its cells follow, then `endTable()`.
    mutating func startTable(_ columns: [StatementDocument.Table.Column])
    mutating func endTable()
}

extension StatementSink where Self: ~Copyable {
    /// A table of `columns` whose cells `fill` writes.
    mutating func table(_ columns: [StatementDocument.Table.Column], _ fill: (inout Self) -> Void) {
        startTable(columns)
        fill(&self)
        endTable()
    }
}

extension StatementDocument {
    /// Writes the document's blocks, after its title, into `sink`, each table cell as words
    /// (figures hold nothing a format escapes).
    func replay(into sink: inout some StatementSink & ~Copyable) {
        for block in blocks {
            switch block {
            case .heading(let text, let level):
                sink.heading(text, level: level)
            case .paragraph(let text):
                sink.paragraph(text)
            case .table(let table):
                sink.startTable(table.columns)
                table.text.withUnsafeBufferPointer { text in
                    for row in 0..<table.rowCount {
                        if row == table.bodyRowCount { sink.startFooter() }
                        for column in table.columns.indices {
                            sink.appendWords(UnsafeBufferPointer(rebasing: text[table.cellRange(row: row, column: column)]))
                            sink.endCell()
                        }
                    }
                }
                sink.endTable()
            }
        }
    }
}

extension StatementDocument: StatementSink {
    var columnCount: Int { tableBeingWritten!.columnCount }
    mutating func appendFigure(_ bytes: UnsafeBufferPointer<UInt8>) { tableBeingWritten!.appendFigure(bytes) }
    mutating func appendWords(_ bytes: UnsafeBufferPointer<UInt8>) { tableBeingWritten!.appendWords(bytes) }
    mutating func endCell() { tableBeingWritten!.endCell() }
    mutating func startFooter() { tableBeingWritten!.startFooter() }

    mutating func startTable(_ columns: [Table.Column]) {
        precondition(tableBeingWritten == nil, "a table is being written")
        tableBeingWritten = Table(columns: columns)
    }

    mutating func endTable() {
        table(tableBeingWritten!)
        tableBeingWritten = nil
    }
}
