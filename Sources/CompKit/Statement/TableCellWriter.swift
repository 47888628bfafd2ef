/// What a statement table's cells are written into, piece by piece, cell by cell and row by row:
/// a `StatementDocument.Table` kept whole, or a statement's page as the cells come
/// (`StatementFiles.Renderer`).
protocol TableCellWriter: FigureSink, ~Copyable {
    /// How many cells make a row of the table being written.
    var columnCount: Int { get }
    /// Appends words, which each output escapes as it needs.
    mutating func appendWords(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Ends the cell being written; the next piece starts the next cell (or row).
    mutating func endCell()
    /// Rows written from now on are the footer (closing rows: totals, residuals).
    mutating func startFooter()
}

extension TableCellWriter where Self: ~Copyable {
    /// Appends words given as a string.
    mutating func append(_ piece: String) {
        piece.withUTF8Bytes { appendWords($0) }
    }

    mutating func append(_ words: StatementDocument.Text) {
        words.bytes.withUnsafeBufferPointer { appendWords($0) }
    }

    mutating func append(_ number: Int) { append(ExactDecimal(number), decimals: 0) }

    mutating func cell(_ text: String) { append(text); endCell() }
    mutating func cell(_ words: StatementDocument.Text) { append(words); endCell() }
    mutating func cell(_ value: ExactDecimal, decimals: Int) { append(value, decimals: decimals); endCell() }
    mutating func cell(_ amount: ExactDecimal, in currency: Currency) { append(amount, in: currency); endCell() }
    mutating func cell(exact value: ExactDecimal, minDecimals: Int = 0) { append(exact: value, minDecimals: minDecimals); endCell() }
    mutating func cell(percent rate: ExactDecimal) { append(percent: rate); endCell() }
    mutating func cell(_ date: CalendarDate) { append(date); endCell() }
    mutating func cell(_ number: Int) { append(number); endCell() }
    /// Writes `count` empty cells.
    mutating func emptyCells(_ count: Int) { for _ in 0..<count { endCell() } }

    /// Writes a closing row (a total, a residual): `label` in the second column, each amount in
    /// `currency` in its column, every other cell empty.
    mutating func labelledRow(_ label: String, _ amounts: [(column: Int, amount: ExactDecimal)], in currency: Currency) {
        for column in 0..<columnCount {
            if column == 1 {
                cell(label)
            } else if let amount = amounts.first(where: { $0.column == column })?.amount {
                cell(amount, in: currency)
            } else {
                endCell()
            }
        }
    }

    /// Writes a row of cells given as strings, empty cells making up the columns it lacks.
    mutating func row(_ cells: [String]) {
        precondition(cells.count <= columnCount, "more cells than columns")
        for column in 0..<columnCount { cell(column < cells.count ? cells[column] : "") }
    }
}
