import Testing
@testable import CompKit

@Suite struct PaidDealIDsTests {
    private static func id(_ number: Int) -> String {
        let digits = String(number)
        return "D" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func fingerprint(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { DealIDFingerprint.of($0) }
    }

    /// A word per four ids, at least 2^10 words, at most 2^22: 4 096 ids fill 2^10 words, one more
    /// needs 2^11; ten million need 2^22 (2^21 words hold 8 388 608), a hundred million stop there.
    @Test func theFilterHasAWordPerFourIDs() {
        #expect(DealIDFilter.log2Words(forIDs: 0) == 10)
        #expect(DealIDFilter.log2Words(forIDs: 4096) == 10)
        #expect(DealIDFilter.log2Words(forIDs: 4097) == 11)
        #expect(DealIDFilter.log2Words(forIDs: 10_000_000) == 22)
        #expect(DealIDFilter.log2Words(forIDs: 100_000_000) == 22)
    }

    /// Every id the payments name is answered "maybe"; of 100 000 they do not name, only false
    /// alarms are: with six bits of a word and two ids a word, a few in ten thousand (50 with these
    /// ids, counted by a script repeating the fingerprint and the bits).
    @Test func everyNamedIDMayBeNamedAndFewOthersAre() {
        let named = (0..<2_000).map(PaidDealIDsTests.id)
        let paid = PaidDealIDs(ByteKeyTable(named))
        #expect(paid.numbers.count == 2_000)
        #expect(named.allSatisfy { paid.mayName(fingerprint: PaidDealIDsTests.fingerprint($0)) })
        let falseAlarms = (2_000..<102_000).filter { paid.mayName(fingerprint: PaidDealIDsTests.fingerprint(PaidDealIDsTests.id($0))) }
        #expect(falseAlarms.count < 100)
    }

    /// Asking inserts nothing: an empty filter answers "no" to everything, and after an insert the
    /// id is answered "maybe" while inserting it again reports it seen.
    @Test func askingTheFilterChangesNothing() {
        let filter = DealIDFilter(log2Words: 10)
        let fingerprint = PaidDealIDsTests.fingerprint("D1")
        #expect(!filter.mayContain(fingerprint))
        #expect(!filter.mayContain(fingerprint))
        #expect(filter.insert(fingerprint))
        #expect(filter.mayContain(fingerprint))
        #expect(!filter.insert(fingerprint))
        #expect(PaidDealIDs(ByteKeyTable([String]())).isEmpty)
    }
}
