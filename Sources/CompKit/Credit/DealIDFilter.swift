#if canImport(Glibc)
import Glibc
#endif
import CPlatform

/// A fixed-size filter of deal-id fingerprints shared by the worker threads: memory does not grow
/// with the number of deals past its cap. Six bits of one 64-bit word per id, set with one atomic
/// OR, so of two threads inserting the same id exactly one finds it new. A "seen before" answer may
/// be a false alarm (tens to hundreds at ten million deals): those ids are compared exactly in a
/// second, id-only scan (`DealIDProbe`).
final class DealIDFilter {
    private let words: IntegerTable<UInt64>
    private let mask: Int

    init(log2Words: Int) {
        words = IntegerTable(count: 1 << log2Words)
        mask = words.count - 1
    }

    /// 2^22 words (32 MiB) at most, so that memory stays flat in the number of deals: at ten million
    /// deals a few thousand false alarms, each only a little work for the exact scan.
    static let maxLog2Words = 22

    /// The size for deal files of `bytes` bytes: a word per 16 bytes (four or more words per deal
    /// row), so that below the cap a false alarm, which costs a second scan of the files, is rare
    /// (about one run in ten at 100 000 deals, against a few alarms in every run at a word per
    /// row), while a small run does not clear 32 MiB it will hardly touch; from 2^16 words to
    /// `maxLog2Words`.
    static func log2Words(forFilesOf bytes: Int) -> Int {
        var log2 = 16
        while log2 < maxLog2Words && (1 << log2) * 16 < bytes { log2 += 1 }
        return log2
    }

    /// Starts loading the word of a fingerprint, so that `insert` later need not wait for it.
    @inline(__always)
    func prefetch(_ fingerprint: UInt64) {
        comp_prefetch_for_write(words.base + (Int(truncatingIfNeeded: fingerprint) & mask))
    }

    /// Records an id by its `DealIDFingerprint.of`; false when it may have been seen before
    /// (then the caller checks exactly).
    @inline(__always)
    func insert(_ fingerprint: UInt64) -> Bool {
        let word = Int(truncatingIfNeeded: fingerprint) & mask
        var bits: UInt64 = 0
        var rest = fingerprint >> 32
        for _ in 0..<6 {
            bits |= 1 << (rest & 63)
            rest = (rest >> 6) &* 0x9E37_79B9 &+ (rest & 63)
        }
        let before = comp_atomic_fetch_or(words.base + word, bits)
        return before & bits != bits
    }
}
