import Testing
@testable import CompKit

@Suite struct CompactAmountTests {
    @Test func keepsEveryAmountExactlyInNineBytesOrTheWideList() {
        let amounts = [dec("72204.50"), dec("-0.000001"), ExactDecimal(mantissa: Int128(Int64.max), scale: 6),
                       ExactDecimal(mantissa: Int128(Int64.min) - 1, scale: 6),   // one beyond 64 bits: wide
                       dec("999999999999999.999999")]                              // 10^21 − 1 millionths: wide
        var wide: [ExactDecimal] = []
        let compact = amounts.map { CompactAmount($0, wide: &wide) }
        #expect(MemoryLayout<CompactAmount>.size == 9)
        #expect(wide == [amounts[3], amounts[4]])
        #expect(compact.map { $0.value(wide: wide) } == amounts)
        // Into another store: its wide list gets the wide ones, in the order moved.
        var other = [dec("1")]
        let moved = compact.reversed().map { $0.moved(from: wide, to: &other) }
        #expect(other == [dec("1"), amounts[4], amounts[3]])
        #expect(moved.map { $0.value(wide: other) } == amounts.reversed())
    }
}
