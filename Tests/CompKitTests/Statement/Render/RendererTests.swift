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

    @Test func markdownEscapesInputText() {
        #expect(MarkdownRenderer.render(Self.document) == """
            # Pay \\<R&D\\> "A"

            ## Plan \\*P\\*

            Name: O'Brien \\| \\<b\\>

            | deal | amount |
            | --- | ---: |
            | D1 | 5.00 |
            | D\\|2 | -12.50 |
            | **total** | **-7.50** |

            """)
    }

    @Test func htmlIsSelfContainedAndEscaped() {
        let html = HTMLRenderer.render(Self.document)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<title>Pay &lt;R&amp;D&gt; &quot;A&quot;</title>"))
        #expect(html.contains("<p>Name: O&#39;Brien | &lt;b&gt;</p>"))
        #expect(html.contains("<tr><td>D|2</td><td class=\"num\">-12.50</td></tr>"))
        #expect(html.contains("<tfoot>") && html.contains("@media print"))
        for outside in ["<script", "http://", "https://", "src=", "@import"] {
            #expect(!html.contains(outside), "the page must not load or run anything: \(outside)")
        }
    }
}
