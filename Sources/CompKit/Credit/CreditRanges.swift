import Synchronization

/// The byte ranges of a deals.csv being credited, one worker each. A thread whose ranges are done
/// takes the second half of what is left of the largest range still being read: its end is moved
/// to a line start there and the rest becomes a range of its own, in its place in file order. The
/// cores then finish together however fast each of them runs (a virtual machine's cores do not
/// run at one speed, and a file sorted by date has its run month's deals, the costlier ones, last).
final class CreditRanges: Sendable {
    /// One range: `[start, end)`; its worker starts no record at or after `readUpTo` before it
    /// asks for the end again.
    struct Range {
        let start: Int
        var end: Int
        var readUpTo: Int
        /// The range of the first cut that this one was split from (a range stopped by malformed
        /// CSV leaves the rest of its cut unread, however it was split).
        let cut: Int
    }

    /// By default no range is split to leave less than 8 MiB on either side: a split costs a
    /// worker's setup.
    static let smallestHalf = 8 << 20

    private let ranges: Mutex<[Range]>
    private let smallestHalf: Int

    /// The ranges between consecutive `cuts`, none split to leave less than `smallestHalf` bytes
    /// on either side.
    init(cuts: [Int], smallestHalf: Int = CreditRanges.smallestHalf) {
        self.smallestHalf = smallestHalf
        ranges = Mutex(cuts.indices.dropLast().map { Range(start: cuts[$0], end: cuts[$0 + 1], readUpTo: cuts[$0], cut: $0) })
    }

    /// Range `number`'s end now; its worker will start no record at or after `readUpTo` before
    /// asking again.
    func end(of number: Int, readUpTo: Int) -> Int {
        ranges.withLock { ranges in
            ranges[number].readUpTo = max(ranges[number].readUpTo, readUpTo)
            return ranges[number].end
        }
    }

    /// Range `number` is read to its end.
    func finish(_ number: Int) {
        ranges.withLock { $0[number].readUpTo = $0[number].end }
    }

    /// Where range `number` starts.
    func start(of number: Int) -> Int { ranges.withLock { $0[number].start } }

    /// Splits the range with the most left to read, if it has enough: `lineStart(offset)` is where
    /// the first line at or after `offset` starts. Returns the new range's number.
    func split(lineStart: (Int) -> Int) -> Int? {
        ranges.withLock { ranges in
            guard let largest = ranges.indices.max(by: { ranges[$0].end - ranges[$0].readUpTo < ranges[$1].end - ranges[$1].readUpTo })
            else { return nil }
            let range = ranges[largest]
            guard range.end - range.readUpTo >= 2 * smallestHalf else { return nil }
            let middle = lineStart(range.readUpTo + (range.end - range.readUpTo) / 2)
            guard middle > range.readUpTo, middle < range.end else { return nil }
            ranges[largest].end = middle
            ranges.append(Range(start: middle, end: range.end, readUpTo: middle, cut: range.cut))
            return ranges.count - 1
        }
    }

    /// Every range as it ended up, by number.
    var all: [Range] { ranges.withLock { $0 } }
}
