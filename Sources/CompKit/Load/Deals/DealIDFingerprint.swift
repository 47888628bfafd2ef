/// A deal id's 64-bit fingerprint: how the credit pass finds ids used twice (§2.2) without keeping
/// every id (`DealIDFilter`, then an exact look at the few that meet), and how `comp import` does.
enum DealIDFingerprint {
    /// FNV-1a over the bytes, then a SplitMix64 finaliser for an even spread.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 30
        hash &*= 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash &*= 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }
}
