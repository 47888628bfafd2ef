import CPlatform

extension ByteKeyTable {
    /// Starts loading the slot a lookup of `bytes` reads first (a hint: no result changes).
    @inline(__always)
    func prefetch(_ bytes: UnsafeBufferPointer<UInt8>) {
        withFirstSlot(of: bytes) { comp_prefetch_for_read($0) }
    }
}
