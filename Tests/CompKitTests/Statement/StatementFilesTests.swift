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
}
