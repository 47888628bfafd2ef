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
        let files = StatementFiles.files(for: statement)
        #expect(files.map(\.name) == ["statements/R%2F1.html", "statements/R%2F1.md"])
        #expect(String(decoding: files[1].bytes, as: UTF8.self).contains("Nothing is paid to R/1 for 2026-03."))
    }

    /// A run renders each statement's files as it lays the statement out, one table's memory
    /// serving every table of every statement: the files are the statement's document rendered.
    @Test func filesAreTheDocumentRendered() throws {
        let builder = try StatementBuilderTests.builder()
        var renderer = StatementFiles.Renderer()
        #expect(builder.participantIDs.count == 3)
        for id in builder.participantIDs {
            let statement = try #require(try builder.statement(for: id))
            let document = StatementLayout.document(statement)
            var files: [String: String] = [:]
            renderer.forEachFile(of: statement) { name, bytes in files[name] = String(decoding: bytes, as: UTF8.self) }
            #expect(files == ["statements/\(id).html": HTMLRenderer.render(document),
                              "statements/\(id).md": MarkdownRenderer.render(document)])
        }
    }
}
