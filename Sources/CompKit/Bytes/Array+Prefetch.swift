import CPlatform

extension Array {
    /// Starts loading the element at `index` into the cache (a hint: nothing changes), for an
    /// element read soon at an address the processor cannot guess.
    @inline(__always)
    func prefetch(at index: Int) {
        withUnsafeBufferPointer { comp_prefetch_for_read($0.baseAddress! + index) }
    }
}
