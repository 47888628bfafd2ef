import Testing
@testable import CompKit

@Suite struct DiagnosticTests {
    /// A message quotes input values; whatever they hold, it stays one printable line.
    @Test func controlCharactersAndBidirectionalOverridesAreEscaped() {
        #expect(Diagnostic.printable("deal_id 'D\n3\r\t'") == #"deal_id 'D\n3\r\t'"#)
        #expect(Diagnostic.printable("a\u{0}b\u{1B}[31mc\u{7F}") == #"a\u{0}b\u{1B}[31mc\u{7F}"#)
        #expect(Diagnostic.printable("x\u{202E}y\u{2066}z\u{2028}") == #"x\u{202E}y\u{2066}z\u{2028}"#)
        #expect(Diagnostic.printable("Müller, 東京 ✓") == "Müller, 東京 ✓")
    }

    /// A value can be as long as a CSV record (1 MiB): the message is cut, not the memory spent.
    @Test func longMessagesAreCut() {
        let long = Diagnostic.printable("amount '" + String(repeating: "9", count: 5000) + "' is too large")
        #expect(long.unicodeScalars.count == Diagnostic.maxMessageCharacters + 1 && long.hasSuffix("9…"))
        let escaped = Diagnostic.printable(String(repeating: "\u{0}", count: 5000))
        #expect(escaped.unicodeScalars.count <= Diagnostic.maxMessageCharacters + 1 && escaped.hasSuffix("…"))
        #expect(Diagnostic.printable(String(repeating: "x", count: Diagnostic.maxMessageCharacters)).count == Diagnostic.maxMessageCharacters)
    }

    @Test func theLogKeepsMessagesPrintable() {
        let log = DiagnosticLog()
        log.error(file: "deals.csv", line: 2, column: 1, "deal_id 'D\n3' must not contain spaces")
        #expect(log.diagnostics.map(\.description) == [#"deals.csv:2:1: error: deal_id 'D\n3' must not contain spaces"#])
    }

    @Test func compErrorsDescribeThemselvesAsErrorsDo() {
        let error: Error = CompError.io(IOFailure(.writeOutputIn, "out", reason: "No space left on device"))
        #expect(error.localizedDescription == "error: cannot write the output in out: No space left on device")
        let ledger: Error = CompError.ledger(.outOfOrder(open: YearMonth(year: 2026, month: 2), closing: YearMonth(year: 2026, month: 3)))
        #expect(ledger.localizedDescription
                == "error: 2026-02 is still open: the periods of a fiscal year close in order, so close 2026-02 before 2026-03")
        #expect((CompError.invalidInput([Diagnostic(.wholeFile("deals.csv"), "file not found")], more: 2) as Error).localizedDescription
                == "deals.csv:1:1: error: file not found\n… and 2 more errors")
    }

    @Test func wholeFileProblemsComeFirstThenLinesThenFields() {
        let log = DiagnosticLog()
        log.error(file: "b.csv", line: 3, column: 2, "field")
        log.error(.wholeLine("b.csv", 3), "row")
        log.error(file: "b.csv", line: 2, column: 9, "earlier row")
        log.error(.wholeFile("b.csv"), "file")
        log.error(.wholeFile("a.csv"), "other file")
        #expect(log.sorted.map(\.description) == ["a.csv:1:1: error: other file", "b.csv:1:1: error: file", "b.csv:2:9: error: earlier row",
                                                  "b.csv:3:1: error: row", "b.csv:3:2: error: field"])
    }
}
