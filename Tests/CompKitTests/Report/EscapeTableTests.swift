import Testing
@testable import CompKit

@Suite struct EscapeTableTests {
    static func escaped(_ text: String, _ escapes: EscapeTable) -> String {
        var out = RenderedText(capacity: 16)
        out.append(text, escaping: escapes)
        return out.string
    }

    /// Text is searched eight bytes at a time: a replaced byte is found first, last, on either side
    /// of an eight-byte boundary, and in the bytes left over after the last full eight.
    @Test func everyReplacedByteIsFoundWhereverItFalls() {
        let html = HTMLText.escapes
        #expect(Self.escaped("<abcdefg>hijklmno&pqrstuvw'xy\"", html) == "&lt;abcdefg&gt;hijklmno&amp;pqrstuvw&#39;xy&quot;")
        #expect(Self.escaped("abcdefghijklmnopqrstuvwxyz", html) == "abcdefghijklmnopqrstuvwxyz")
        #expect(Self.escaped("", html) == "")
        #expect(Self.escaped("Größe × 2 ≥ 1 <", html) == "Größe × 2 ≥ 1 &lt;")
        let backslashes = EscapeTable(Dictionary(uniqueKeysWithValues: "_|#".utf8.map { ($0, "\\" + String(UnicodeScalar($0))) }))
        #expect(Self.escaped("HOLDBACK_RELEASE | R#1", backslashes) == "HOLDBACK\\_RELEASE \\| R\\#1")
        let positions = Array("abcdefgh>abcdefgh".utf8).withUnsafeBufferPointer { bytes in
            [0, 8, 9].map { html.firstReplaced(in: bytes, from: $0) }
        }
        #expect(positions == [8, 8, 17])
    }
}
