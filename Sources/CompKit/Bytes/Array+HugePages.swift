import CPlatform

extension Array {
    /// `count` copies of `value` in memory asked to be backed by 2 MiB pages where it spans whole
    /// ones (`comp_advise_huge_pages`), asked before the memory is first written: for a table of
    /// millions of slots read at random, where each look-up on 4 KiB pages would also miss the
    /// processor's cache of page addresses.
    init(hugePagesRepeating value: Element, count: Int) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress, count > 0 else { return }
            comp_advise_huge_pages(base, count * MemoryLayout<Element>.stride)
            base.initialize(repeating: value, count: count)
            initialized = count
        }
    }
}
