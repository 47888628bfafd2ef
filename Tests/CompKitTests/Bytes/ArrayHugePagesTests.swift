import Testing
@testable import CompKit

@Suite struct ArrayHugePagesTests {
    /// The array is the same as `Array(repeating:count:)`, across several 2 MiB pages (6.4 MB of
    /// slots, the table's way of being asked for) and for the empty and one-element cases.
    @Test(arguments: [0, 1, 800_000])
    func holdsCountCopiesOfTheValue(count: Int) {
        let table = [Int64](hugePagesRepeating: -1, count: count)
        #expect(table.count == count)
        #expect(table.allSatisfy { $0 == -1 })
        #expect(table == [Int64](repeating: -1, count: count))
    }

    /// Values that own memory are copied once each: every one is there, and the array can grow.
    @Test func copiesAnOwningValue() {
        var names = [String](hugePagesRepeating: "a participant id longer than a small string", count: 3)
        names.append("R1")
        #expect(names == Array(repeating: "a participant id longer than a small string", count: 3) + ["R1"])
    }
}
