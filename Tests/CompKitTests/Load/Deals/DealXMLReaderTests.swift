import Testing
@testable import CompKit

/// deals.xml through the credit pass: where its problems are reported, and what its attributes say.
@Suite struct DealXMLReaderTests {
    /// A deal's problems point at its start tag's `<` (line 4, column 3), on the tag's first line
    /// when it spans several (line 6); text between tags at its first character that is not blank
    /// (line 9, column 11: after the comment and two blanks); an unknown element outside a deal at its `<`.
    @Test func problemsPointAtWhereTheyStand() throws {
        let pass = try DealPass.read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <deals>
              <deal id="X1" closeDate="2026-01-05" amount="100.00" currency="USD" type="new"><credit rep="R1"/></deal>
              <deal id="X2" closeDate="2026-01-05" amount="0" currency="USD" type="new"><credit rep="R1"/></deal>
              <!-- a comment -->
              <deal id="X3"
                    closeDate="2026-01-05" amount="0" currency="USD" type="new">
                <credit rep="R1"/></deal>
            <!--c-->  text
               <note/>
            </deals>
            """, name: "deals.xml")
        #expect(pass.problems == [
            "4:3 amount must be greater than 0",
            "6:3 amount must be greater than 0",
            "9:11 unexpected text in a deals file (deal fields are attributes)",
            "10:4 unexpected element <note> (a deals file holds <deals><deal><credit/></deal></deals>)",
        ])
        #expect(pass.creditedIDs == ["X1"])
    }

    /// An attribute's references are decoded: `&amp;` is `&`, `&#233;` is é.
    @Test func attributeReferencesAreDecoded() throws {
        let pass = try DealPass.read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <deals>
              <deal id="A&amp;B-&#233;" closeDate="2026-01-05" amount="100.00" currency="USD" type="new"><credit rep="R1"/></deal>
            </deals>
            """, name: "deals.xml")
        #expect(pass.problems.isEmpty)
        #expect(pass.creditedIDs == ["A&B-é"])
    }

    /// The walk that confirms suspected repeats hands over only the deals whose id its filter
    /// accepts, at their start tag's `<`; an id holding a reference is asked about decoded.
    @Test func theIDWalkHandsOverOnlyTheDealsItWants() throws {
        let seen = try withTemporaryFolder { folder -> [String: [String]] in
            let path = try write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <deals>
                  <deal id="X1" closeDate="2026-01-05" amount="100.00" currency="USD" type="new"><credit rep="R1"/></deal>
                  <deal id="X2" closeDate="2026-01-05" amount="100.00" currency="USD" type="new"><credit rep="R1"/></deal>
                  <deal id="A&amp;B" closeDate="2026-01-05" amount="100.00" currency="USD" type="new"><credit rep="R1"/></deal>
                  <deal id="X2" closeDate="2026-01-05" amount="100.00" currency="USD" type="new"><credit rep="R2"/></deal>
                </deals>
                """, to: "deals.xml", in: folder)
            var seen: [String: [String]] = [:]
            for wanted in ["X2", "A&B"] {
                try DealXMLReader.forEachID(path: path, where: { String(decoding: $0, as: UTF8.self) == wanted }) { id, location in
                    seen[wanted, default: []].append("\(location.lineAndColumn) \(String(decoding: id, as: UTF8.self))")
                }
            }
            return seen
        }
        #expect(seen == ["X2": ["4:3 X2", "6:3 X2"], "A&B": ["5:3 A&B"]])
    }
}
