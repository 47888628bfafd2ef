/// The summary laid out once, then rendered as Markdown (summary.md) and as one HTML page
/// (summary.html): the same words and numbers in both.
struct SummaryDocument {
    struct Table {
        var header: [String]
        var rows: [[String]]
        /// Columns aligned right (numbers).
        var numeric: Set<Int> = []
        /// Rows shown in bold (totals).
        var emphasized: Set<Int> = []
        /// Columns of long text that may wrap onto several lines (the others keep to one).
        var wraps: Set<Int> = []
    }

    enum Block {
        /// A section heading.
        case heading(String)
        case paragraph(String)
        case bullets([String])
        case table(Table)
        /// Drawn in the HTML page only; the Markdown carries the same numbers in a table.
        case chart(BarChart)
    }

    var title: String
    var blocks: [Block] = []

    mutating func add(_ block: Block) { blocks.append(block) }
}
