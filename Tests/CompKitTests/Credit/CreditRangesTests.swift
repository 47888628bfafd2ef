import Testing
@testable import CompKit

/// How a thread done with its range takes over half of what another has left.
@Suite struct CreditRangesTests {
    /// Lines start at every multiple of 10 in these examples.
    func lineStart(_ offset: Int) -> Int { (offset + 9) / 10 * 10 }

    @Test func theRangeWithTheMostLeftIsSplitAtALineStartPastWhatIsBeingRead() {
        let ranges = CreditRanges(cuts: [0, 100, 1_000], smallestHalf: 100)
        #expect(ranges.end(of: 1, readUpTo: 300) == 1_000)  // its worker reads up to 300 before it asks again
        ranges.finish(0)
        // Range 1 has 700 left past 300: halved at 300 + 350 = 650, a line start.
        #expect(ranges.split(lineStart: lineStart) == 2)
        #expect(ranges.end(of: 1, readUpTo: 400) == 650)
        #expect(ranges.start(of: 2) == 650)
        // Range 2 (650 to 1000, 350 left) is now the largest: halved at 650 + 175 = 825, next line 830.
        #expect(ranges.split(lineStart: lineStart) == 3)
        #expect(ranges.all.map { [$0.start, $0.end] } == [[0, 100], [100, 650], [650, 830], [830, 1_000]])
        // Each piece of the first cut's second range remembers that cut.
        #expect(ranges.all.map(\.cut) == [0, 1, 1, 1])
    }

    @Test func noRangeIsSplitToLeaveLessThanTheSmallestHalf() {
        let ranges = CreditRanges(cuts: [0, 500, 1_000], smallestHalf: 100)
        #expect(ranges.end(of: 0, readUpTo: 320) == 500)   // 180 left: less than twice 100
        #expect(ranges.end(of: 1, readUpTo: 850) == 1_000) // 150 left
        #expect(ranges.split(lineStart: lineStart) == nil)
        ranges.finish(1)
        #expect(ranges.end(of: 0, readUpTo: 300) == 500)   // what it reads up to never goes back
        #expect(ranges.split(lineStart: lineStart) == nil)
    }

    @Test func aFinishedRangeIsNotSplit() {
        let ranges = CreditRanges(cuts: [0, 1_000, 2_000], smallestHalf: 100)
        ranges.finish(0)
        ranges.finish(1)
        #expect(ranges.split(lineStart: lineStart) == nil)
    }
}
