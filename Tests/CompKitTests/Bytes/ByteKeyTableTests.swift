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

    /// Keys are read a word at a time, in pieces that depend on their length: for every length up
    /// to 40 bytes, keys that differ in one byte only (at any position) are told apart, and a key
    /// one byte shorter or longer than a known one is not found.
    @Test func keysOfEveryLengthDifferingInOneByteAreToldApart() {
        var table = ByteKeyTable()
        var keys: [[UInt8]] = [[]]
        for length in 1...40 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            keys.append(plain)
            for position in 0..<length {
                var changed = plain
                changed[position] = UInt8(ascii: "b")
                keys.append(changed)
            }
        }
        for (number, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { table.insert($0) } == Int32(number), "\(key.count) bytes")
        }
        for (number, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { table.lookup($0) } == Int32(number), "\(key.count) bytes")
        }
        let longer = [UInt8](repeating: UInt8(ascii: "a"), count: 41), shorterChanged = [UInt8]("b".utf8) + [UInt8](repeating: UInt8(ascii: "c"), count: 9)
        #expect(longer.withUnsafeBufferPointer { table.lookup($0) } == -1)
        #expect(shorterChanged.withUnsafeBufferPointer { table.lookup($0) } == -1)
        #expect(table.count == 1 + (1...40).reduce(0) { $0 + 1 + $1 })
    }
}
