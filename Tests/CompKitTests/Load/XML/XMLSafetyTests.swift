import Testing
@testable import CompKit

@Suite struct XMLSafetyTests {
    @Test func findsADoctypeAfterTheDeclarationAndComments() {
        let text = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- a comment -->\n  <!DOCTYPE plan [<!ENTITY x \"y\">]>\n<plan/>"
        #expect(XMLSafety.doctypeLocation(in: Array(text.utf8)).map { [$0.line, $0.column] } == [3, 3])
    }

    @Test func noDoctypeOnceTheRootHasStarted() {
        #expect(XMLSafety.doctypeLocation(in: Array("<?xml version=\"1.0\"?>\n<plan><!-- <!DOCTYPE --></plan>".utf8)) == nil)
    }
}
