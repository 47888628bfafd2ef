import Testing
@testable import CompKit

/// Two workers' sums added cell by cell, as the credit pass adds them.
@Suite struct IntegerTableTests {
    func table(_ cells: [Int64]) -> IntegerTable<Int64> {
        let table = IntegerTable<Int64>(count: cells.count)
        for (cell, value) in cells.enumerated() { table.base[cell] = value }
        return table
    }

    func cells(_ table: IntegerTable<Int64>) -> [Int64] { (0..<table.count).map { table.base[$0] } }

    @Test func sumsAreAddedCellByCell() {
        let sums = table([1_250, 0, -300, 7])
        #expect(sums.add(table([50, 0, 300, -10])))
        #expect(cells(sums) == [1_300, 0, 0, -3])   // 1250 + 50, 0 + 0, −300 + 300, 7 − 10
    }

    @Test func aSumPastSixtyFourBitsIsReported() {
        let sums = table([Int64.max - 1, 5])
        #expect(!sums.add(table([2, 5])))
        #expect(cells(sums)[1] == 10)               // the other cells are still added
    }
}
