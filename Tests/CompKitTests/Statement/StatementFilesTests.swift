import Testing
@testable import CompKit

@Suite struct StatementFilesTests {
    @Test func fileNamesStayInsideTheFolder() {
        #expect(StatementFiles.fileName("R001") == "R001")
        #expect(StatementFiles.fileName("a.b_c-d") == "a.b_c-d")
        #expect(StatementFiles.fileName("../x") == "%2E.%2Fx")
        #expect(StatementFiles.fileName("R 1%") == "R%201%25")
    }

    @Test func aStatementIsOneHTMLFile() throws {
        let statement = Statement(participantID: "R/1", name: "R", period: month("2026-03"), entries: [], pay: [], usesLedger: false)
        let file = StatementFiles.file(of: StatementLayout.document(statement), participantID: statement.participantID)
        #expect(file.name == "statements/R%2F1.html")
        #expect(String(decoding: file.bytes, as: UTF8.self).contains("<p>Nothing is paid to R/1 for 2026-03.</p>"))
    }

    /// A run renders each statement's page as it lays the statement out, table cells written as
    /// they come: the page is the statement's document rendered, tables with and without footers,
    /// empty cells and cells with markup (a deal id `D<9>|*_x`) alike.
    @Test func filesAreTheDocumentRendered() throws {
        let marked = Deal(id: "D<9>|*_x", closeDate: day("2026-02-20"), amount: dec("1000"), currency: .usd, type: "new",
                          splits: [Deal.Split(repID: "R1", percent: dec("100"))])
        let builder = try StatementBuilderTests.builder(extra: [marked])
        var renderer = StatementFiles.Renderer()
        #expect(builder.participantIDs.count == 3)
        for id in builder.participantIDs {
            let statement = try #require(try builder.statement(for: id))
            let document = StatementLayout.document(statement)
            let (name, page) = renderer.withFile(of: statement) { ($0, String(decoding: $1, as: UTF8.self)) }
            #expect(name == "statements/\(id).html")
            #expect(page == document.html)
            if id == "R1" {
                #expect(page.contains("<tr><td>2026-02-20<td>D&lt;9&gt;|*_x<td>credit<td>"))
            }
        }
    }
}
