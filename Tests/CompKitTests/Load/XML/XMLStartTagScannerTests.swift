import Testing
@testable import CompKit

@Suite struct XMLStartTagScannerTests {
    /// Comments, CDATA, processing instructions, quoted `>` and `<deal` lookalikes are skipped;
    /// depth and namespace prefixes are followed; a tag split over lines starts where its `<` is.
    @Test func findsEachStartTagWhereItsAngleBracketIs() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                <?xml version="1.0"?><?pi <deal?>
                <deals><!-- <deal id="no"> --><x:deal a="1>2" b='<deal'/>
                  <deal><![CDATA[<deal>]]]]><deal><deal/></deal></deal>
                     <deal
                  id="4"/></deals>
                """, to: "d.xml", in: folder)
            let scanner = try #require(XMLStartTagScanner(path: path))
            #expect(scanner.position(ofStartTag: "deal", depth: 1, ordinal: 1)! == (2, 31))
            #expect(scanner.position(ofStartTag: "deal", depth: 1, ordinal: 2)! == (3, 3))
            #expect(scanner.position(ofStartTag: "deal", depth: 1, ordinal: 3)! == (4, 6))
            #expect(scanner.position(ofStartTag: "deal", depth: 1, ordinal: 4) == nil)
        }
    }
}
