import Testing
@testable import CompKit

@Suite struct StatementFilesTests {
    @Test func fileNamesStayInsideTheFolder() {
        #expect(StatementFiles.fileName("R001") == "R001")
        #expect(StatementFiles.fileName("a.b_c-d") == "a.b_c-d")
        #expect(StatementFiles.fileName("../x") == "%2E.%2Fx")
        #expect(StatementFiles.fileName("R 1%") == "R%201%25")
    }

    @Test func aStatementIsAnHTMLAndAMarkdownFile() throws {
        let statement = Statement(participantID: "R/1", name: "R", period: month("2026-03"), entries: [], pay: [], usesLedger: false)
        let files = StatementFiles.files(of: StatementLayout.document(statement), participantID: statement.participantID)
        #expect(files.map(\.name) == ["statements/R%2F1.html", "statements/R%2F1.md"])
        #expect(String(decoding: files[1].bytes, as: UTF8.self).contains("Nothing is paid to R/1 for 2026-03."))
    }

    /// A run renders each statement's files as it lays the statement out, table cells written into
    /// both files as they come: the files are the statement's document rendered, tables with and
    /// without footers, empty cells and cells with markup (a deal id `D<9>|*_x`) alike.
    @Test func filesAreTheDocumentRendered() throws {
        let marked = Deal(id: "D<9>|*_x", closeDate: day("2026-02-20"), amount: dec("1000"), currency: .usd, type: "new",
                          splits: [Deal.Split(repID: "R1", percent: dec("100"))])
        let builder = try StatementBuilderTests.builder(extra: [marked])
        var renderer = StatementFiles.Renderer()
        #expect(builder.participantIDs.count == 3)
        for id in builder.participantIDs {
            let statement = try #require(try builder.statement(for: id))
            let document = StatementLayout.document(statement)
            var files: [String: String] = [:]
            renderer.forEachFile(of: statement) { name, bytes in files[name] = String(decoding: bytes, as: UTF8.self) }
            #expect(files == ["statements/\(id).html": document.html,
                              "statements/\(id).md": document.markdown])
            if id == "R1" {
                #expect(files["statements/R1.md"]?.contains("| 2026-02-20 | D\\<9\\>\\|\\*\\_x | credit |") == true)
                #expect(files["statements/R1.html"]?.contains("<tr><td>2026-02-20<td>D&lt;9&gt;|*_x<td>credit<td>") == true)
            }
        }
    }
}
