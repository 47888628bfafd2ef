import Testing
@testable import CompKit

@Suite struct ByteKeyTableTests {
    /// 100 000 keys, short and longer than a slot's 16 bytes, given twice: the table grows from 16
    /// slots to 262 144 on the way, and every key keeps the number it was first given.
    @Test func keysKeepTheirFirstNumbersAsTheTableGrows() {
        func key(_ number: Int) -> String { number % 3 == 0 ? "deal-with-a-long-id-\(number)" : "D\(number)" }
        var table = ByteKeyTable()
        for round in 0..<2 {
            for number in 0..<100_000 {
                var id = key(number)
                let given = id.withUTF8 { table.insert($0) }
                if given != Int32(number) {
                    Issue.record("round \(round): \(id) got \(given)")
                    return
                }
            }
        }
        #expect(table.count == 100_000)
        var unknown = "D100000", longUnknown = "deal-with-a-long-id-100002"
        #expect(unknown.withUTF8 { table.lookup($0) } == -1)
        #expect(longUnknown.withUTF8 { table.lookup($0) } == -1)
        #expect(table.key(99_999) == "deal-with-a-long-id-99999")
        #expect(table.key(7) == "D7")
    }
}
