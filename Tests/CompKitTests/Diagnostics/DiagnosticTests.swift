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
        let error: Error = CompError.io("out/2026-03: the disk is full")
        #expect(error.localizedDescription == "error: out/2026-03: the disk is full")
        #expect((CompError.ledger("x") as Error).localizedDescription == "error: x")
    }
}
