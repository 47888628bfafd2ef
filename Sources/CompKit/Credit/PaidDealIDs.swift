/// The deal ids the payments files name, numbered (`Payments.dealNumbers`), with a filter of their
/// fingerprints in front: a credit worker looks a deal up in the numbered table only when the
/// filter's one word says payments may name it. The table is large and read at random (about
/// 100 MB at two million paid deals, a cache miss per look-up), the filter about 4 MB, and most
/// deals of a year's file are not named by its payments.
struct PaidDealIDs {
    let numbers: ByteKeyTable
    private let filter: DealIDFilter

    init(_ numbers: ByteKeyTable) {
        self.numbers = numbers
        filter = DealIDFilter(log2Words: DealIDFilter.log2Words(forIDs: numbers.count))
        for number in 0..<Int32(numbers.count) {
            _ = numbers.withKey(number) { filter.insert(DealIDFingerprint.of($0)) }
        }
    }

    var isEmpty: Bool { numbers.count == 0 }

    /// Starts loading the filter's word for an id's `DealIDFingerprint.of` (a hint only).
    @inline(__always)
    func prefetch(fingerprint: UInt64) {
        filter.prefetchForLookup(fingerprint)
    }

    /// Whether the payments may name the id of this fingerprint (false: they surely do not).
    @inline(__always)
    func mayName(fingerprint: UInt64) -> Bool {
        filter.mayContain(fingerprint)
    }

    /// The probe of `id` in `numbers` for the exact look-up when the payments may name it; nil
    /// when they surely do not. `fingerprint` is the id's `DealIDFingerprint.of`.
    @inline(__always)
    func probe(id: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> ByteKeyTable.Probe? {
        mayName(fingerprint: fingerprint) ? ByteKeyTable.probe(id) : nil
    }
}
