import CPlatform

/// A table built once and afterwards only read, by the hot loops, at positions they worked out
/// from the tables themselves (a rep's entry range, an entry's plan, a plan's match list): read
/// through a plain pointer, with no reference counted and no bounds checked per read (positions are
/// checked in debug builds). The credit workers read several of these for every deal.
final class ReadOnlyTable<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    // Sendable: the memory is written in `init` only.
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: Swift.max(1, count))
        elements.withUnsafeBufferPointer { elements in
            if let first = elements.baseAddress { base.initialize(from: first, count: elements.count) }
        }
    }

    deinit { base.deallocate() }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(position: Int) -> Element {
        assert(position >= 0 && position < count, "position \(position) outside a table of \(count)")
        return base[position]
    }

    /// Starts loading the element at `position` into the cache (a hint: nothing changes).
    @inline(__always)
    func prefetch(at position: Int) {
        comp_prefetch_for_read(base + position)
    }
}
