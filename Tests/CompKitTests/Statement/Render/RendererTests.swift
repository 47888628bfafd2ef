import Testing
@testable import CompKit

@Suite struct RendererTests {
    static let document = StatementDocument(title: "Pay <R&D> \"A\"", blocks: [
        .heading("Plan *P*", level: 2),
        .paragraph("Name: O'Brien | <b>"),
        .table(.init(columns: [.init("deal"), .init("amount", .right)], rows: [["D1", "5.00"], ["D|2", "-12.50"]],
                     footer: [["total", "-7.50"]])),
    ])

    @Test func textAlignsColumnsAndRulesOffTotals() {
        #expect(TextRenderer.render(Self.document) == """
            Pay <R&D> "A"
            =============

            Plan *P*
            --------

            Name: O'Brien | <b>

            deal   amount
            -----  ------
            D1       5.00
            D|2    -12.50
            -----  ------
            total   -7.50

            """)
    }

    @Test func htmlIsSelfContainedAndEscaped() {
        let html = Self.document.html
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<title>Pay &lt;R&amp;D&gt; &quot;A&quot;</title>"))
        #expect(html.contains("<p>Name: O&#39;Brien | &lt;b&gt;</p>"))
        // Right-aligned columns are named on the table, end tags of cells and rows left out.
        #expect(html.contains("<table class=\"r2\">\n<thead><tr><th>deal<th>amount</thead>\n"))
        #expect(html.contains("<tr><td>D|2<td>-12.50\n</tbody>\n<tfoot>\n<tr><td>total<td>-7.50\n</tfoot>\n</table>\n"))
        #expect(html.contains(".r2 td:nth-child(2), .r2 th:nth-child(2)"))
        #expect(html.contains("<tfoot>") && html.contains("@media print"))
        for outside in ["<script", "http://", "https://", "src=", "@import"] {
            #expect(!html.contains(outside), "the page must not load or run anything: \(outside)")
        }
    }

    /// The style aligns right the columns a table names by number, up to the twelfth.
    @Test func htmlNamesRightAlignedColumnsPastTheNinth() {
        let columns = (1...12).map { StatementDocument.Table.Column("c\($0)", [1, 10, 12].contains($0) ? .right : .left) }
        let html = StatementDocument(title: "T", blocks: [.table(.init(columns: columns, rows: []))]).html
        #expect(html.contains("<table class=\"r1 r10 r12\">\n<thead><tr><th>c1<th>c2"))
        #expect(html.contains(".r12 td:nth-child(12), .r12 th:nth-child(12)"))
    }

    @Test func tableCellsWriteNumbersAsTheWordsDo() throws {
        var table = StatementDocument.Table(columns: [.init("a"), .init("b", .right)])
        table.cell(dec("-2.005"), in: try #require(Currency(code: "USD")))   // half away from zero
        table.cell(dec("2.5"), in: try #require(Currency(code: "JPY")))      // no minor unit: 3
        table.cell(exact: dec("1200.0130"), minDecimals: 2)
        table.cell(percent: dec("0.125"))
        table.cell(try #require(CalendarDate(year: 2026, month: 3, day: 5)))
        table.append("roll-up × ")
        table.cell(32)
        table.startFooter()
        table.row(["total", "7"])
        #expect(table.rowCount == 4 && table.bodyRowCount == 3)
        let cells = (0..<4).map { row in (0..<2).map { table.cellText(row: row, column: $0) } }
        #expect(cells == [["-2.01", "3"], ["1200.013", "12.5 %"], ["2026-03-05", "roll-up × 32"], ["total", "7"]])
        #expect(StatementDocument(title: "T", blocks: [.table(table)]).html.contains("""
            <tr><td>2026-03-05<td>roll-up × 32
            </tbody>
            <tfoot>
            <tr><td>total<td>7
            </tfoot>
            """))
    }

    /// Words in a table are copied into the page as they are, but the five characters HTML escapes.
    @Test func onlyHTMLsCharactersAreEscaped() {
        let printable = String(decoding: (0x20..<0x7F).map(UInt8.init).filter { !"&<>\"'".utf8.contains($0) }, as: UTF8.self) + "× €"
        var words = StatementDocument.Table(columns: [.init("words")])
        words.cell(printable)
        words.cell("&<>\"'")
        #expect(StatementDocument(title: "T", blocks: [.table(words)]).html
                    .contains("<tr><td>\(printable)\n<tr><td>&amp;&lt;&gt;&quot;&#39;\n"))
        var table = StatementDocument.Table(columns: [.init("deal")])
        table.cell("D-1 (renewal), 50 %")
        table.cell("O'Brien")
        let document = StatementDocument(title: "T", blocks: [.table(table)])
        #expect(document.html.contains("<tr><td>D-1 (renewal), 50 %\n<tr><td>O&#39;Brien\n"))
    }
}

@Suite struct StatementTextTests {
    /// Figures interpolated into a statement's words are written as the tables write them: amounts
    /// rounded half away from zero to the currency's minor unit, exact values without trailing
    /// zeros, rates as percentages, dates as ISO dates.
    @Test func figuresAreWrittenAsTheTablesWriteThem() {
        let usd = Currency.usd, jpy = Currency(code: "JPY")!
        let text: StatementDocument.Text = "\(ExactDecimal(mantissa: 1_234_565, scale: 3), in: usd); \(ExactDecimal(mantissa: -25, scale: 1), in: jpy); "
            + "\(exact: ExactDecimal(mantissa: 12_000_130, scale: 4), minDecimals: 2); \(exact: ExactDecimal(mantissa: 80_000, scale: 4), minDecimals: 2); "
            + "\(percent: ExactDecimal(mantissa: 125, scale: 3)); \(ExactDecimal(mantissa: 9_549_755, scale: 7), decimals: 6); "
            + "\(CalendarDate(year: 2026, month: 3, day: 31)!) for \("R&D")"
        #expect(text.description == "1234.57; -3; 1200.013; 8.00; 12.5 %; 0.954976; 2026-03-31 for R&D")
    }
}
