import Foundation
import Testing
@testable import CompKit

@Suite struct ManifestTests {
    @Test func sha256IsLowercaseHex() {
        // FIPS 180-2's first SHA-256 test vector: "abc".
        #expect(Manifest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func jsonHasSortedKeysAndAFinalNewline() throws {
        let manifest = Manifest(tool: "comp", version: "1", command: ["comp", "run"], period: "2026-03", generatedAt: "t",
                                inputs: [], rowCounts: DealCounts(dealRows: 3, won: 2, cancelled: 1), outputs: [])
        let json = String(decoding: manifest.json(), as: UTF8.self)
        #expect(json.hasSuffix("}\n"))
        let keys = ["\"command\"", "\"generatedAt\"", "\"inputs\"", "\"outputs\"", "\"period\"", "\"rowCounts\"", "\"tool\"", "\"version\""]
        let positions = keys.map { json.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(json.range(of: "\"cancelled\"")!.lowerBound < json.range(of: "\"won\"")!.lowerBound)
    }

    @Test func timestampIsUTCInISO8601() {
        // 1 774 980 131 s = 20 543 days (1970-01-01 to 2026-03-31) and 64 931 s (18:02:11).
        #expect(Manifest.timestamp(secondsSince1970: 1_774_980_131) == "2026-03-31T18:02:11Z")
        #expect(Manifest.timestamp(secondsSince1970: 0) == "1970-01-01T00:00:00Z")
        // One second before the epoch is the last second of 1969.
        #expect(Manifest.timestamp(secondsSince1970: -1) == "1969-12-31T23:59:59Z")
    }

    /// The manifest's JSON is written by hand: it must be the bytes `JSONEncoder` writes, also for
    /// empty lists and strings holding quotes, backslashes, slashes, control characters and UTF-8.
    @Test(arguments: [false, true]) func jsonIsWhatJSONEncoderWrites(empty: Bool) throws {
        let odd = "a \"quoted\" \\ path/to\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F} é € 😀"
        let manifest = Manifest(
            tool: "comp", version: "1.0", command: empty ? [] : ["comp", "run", odd], period: "2026-03", generatedAt: "2026-03-31T18:02:11Z",
            inputs: empty ? [] : [Manifest.Input(path: odd, kind: .deals, bytes: 12, sha256: "ab", rows: 3),
                                  Manifest.Input(path: "plans/p.xml", kind: .plan, bytes: 0, sha256: "cd", rows: 0)],
            rowCounts: DealCounts(dealRows: 3, won: 2, cancelled: -1),
            outputs: empty ? [] : [Manifest.Output(file: "statements/\(odd).html", bytes: 1 << 40, sha256: "ef")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = [UInt8](try encoder.encode(manifest)) + [UInt8(ascii: "\n")]
        #expect(String(decoding: manifest.json(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(try JSONDecoder().decode(Manifest.self, from: Data(manifest.json())).outputs.count == (empty ? 0 : 1))
    }
}
