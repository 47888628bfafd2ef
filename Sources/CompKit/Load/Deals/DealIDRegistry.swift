/// Finds deal ids used more than once across all deal files (§2.2) without keeping every id:
/// it keeps a 64-bit fingerprint per id, and only when two fingerprints meet does it read the
/// files again to compare those ids exactly. Memory grows by 8 bytes a deal, not by the id's length.
final class DealIDRegistry {
    private var fingerprints = Set<UInt64>()
    private var suspects = Set<UInt64>()

    func register(_ id: UnsafeBufferPointer<UInt8>, at location: SourceLocation) {
        guard !id.isEmpty else { return }
        let fingerprint = DealIDRegistry.fingerprint(id)
        if !fingerprints.insert(fingerprint).inserted { suspects.insert(fingerprint) }
    }

    /// Logs every id that really occurs twice, pointing at each later occurrence and the first one.
    /// `rescan` reads all deal files again, calling its argument for every id.
    func reportDuplicates(
        log: DiagnosticLog,
        rescan: ((UnsafeBufferPointer<UInt8>, SourceLocation) -> Void) throws -> Void
    ) throws {
        guard !suspects.isEmpty else { return }
        var firstSeen: [String: SourceLocation] = [:]
        try rescan { id, location in
            guard suspects.contains(DealIDRegistry.fingerprint(id)) else { return }
            let text = id.string
            if let first = firstSeen[text] {
                log.error(location, "deal_id '\(text)' is used twice (first at \(first.file):\(first.line))")
            } else {
                firstSeen[text] = location
            }
        }
    }

    /// FNV-1a over the bytes, then a SplitMix64 finaliser for an even spread.
    static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
