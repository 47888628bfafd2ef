import Testing
@testable import CompKit

/// The inputs the fuzz targets in Fuzz/ found to break an invariant, minimised, fed to the readers
/// again (docs/RELIABILITY.md lists them).
@Suite struct FuzzFindingsTests {
    /// Every message must be one `file:line:column: error:` line of reasonable length.
    private func expectPrintable(_ problems: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!problems.isEmpty, sourceLocation: sourceLocation)
        for problem in problems {
            #expect(!problem.contains { $0.isNewline }, "\(problem.debugDescription)", sourceLocation: sourceLocation)
            #expect(problem.count < Diagnostic.maxMessageCharacters + 20, sourceLocation: sourceLocation)
        }
    }

    /// deals-csv, seed bom-crlf-quotes.csv: a quoted deal id holding a line break was quoted back
    /// in the message, which then spanned two lines of stderr.
    @Test func aLineBreakInAQuotedIdStaysInsideItsMessage() throws {
        let pass = try DealPass.read("deal_id,close_date,amount,currency,type,reps\n\"D\n3\",2026-03-01,1,USD,new,R1\n", month: "2026-03")
        #expect(pass.rows.isEmpty)
        #expect(pass.problems == [#"2:1 deal_id 'D\n3' must not contain spaces"#])
        expectPrintable(pass.problems)
    }

    /// deals-csv crash-17ccd862: a field of NUL bytes was quoted back whole; a thousand such rows
    /// would have kept a gigabyte of messages.
    @Test func aFieldOfNulBytesGivesAShortPrintableMessage() throws {
        let nuls = String(repeating: "\u{0}", count: 1_200)
        let problems = try DealPass.read("deal_id,close_date,amount,currency,type,reps\nD1,2026-01-1&\(nuls),1,USD,new,R1\n").problems
        expectPrintable(problems)
        #expect(problems.first?.hasPrefix(#"2:2 close_date '2026-01-1&\u{0}\u{0}"#) == true)
    }
}
