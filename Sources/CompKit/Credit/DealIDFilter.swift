#if canImport(Glibc)
import Glibc
#endif
import CPlatform

/// A fixed-size filter of deal-id fingerprints: six bits of one 64-bit word per id, so that asking
/// about an id reads one word. Its answer "maybe" may be a false alarm; "no" is sure.
///
/// The credit pass keeps two: the ids met so far, shared by the worker threads (memory does not
/// grow with the number of deals past its cap; an id is set with one atomic OR, so of two threads
/// inserting the same id exactly one finds it new, and the false alarms — about 1 800 at ten
/// million deals — are compared exactly in a second, id-only scan, `DealIDProbe`), and the ids
/// payments.csv names (`PaidDealIDs`), filled before the workers start and then only read.
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

    /// The size for `count` ids inserted once, before any is asked about: a word per four ids
    /// (about one false alarm in 400 ids not inserted), from 2^10 words to `maxLog2Words`.
    static func log2Words(forIDs count: Int) -> Int {
        var log2 = 10
        while log2 < maxLog2Words && (1 << log2) * 4 < count { log2 += 1 }
        return log2
    }

    /// Starts loading the word of a fingerprint, so that `insert` later need not wait for it.
    @inline(__always)
    func prefetchForInsert(_ fingerprint: UInt64) {
        comp_prefetch_for_write(words.base + word(of: fingerprint))
    }

    /// Starts loading the word of a fingerprint for `mayContain`: read only, so that threads
    /// asking about the same word do not take it from each other.
    @inline(__always)
    func prefetchForLookup(_ fingerprint: UInt64) {
        comp_prefetch_for_read(words.base + word(of: fingerprint))
    }

    /// Records an id by its `DealIDFingerprint.of`; false when it may have been seen before
    /// (then the caller checks exactly).
    @inline(__always)
    func insert(_ fingerprint: UInt64) -> Bool {
        let (word, bits) = place(fingerprint)
        let before = comp_atomic_fetch_or(words.base + word, bits)
        return before & bits != bits
    }

    /// Whether an id with this fingerprint may have been inserted (false: it surely was not). Only
    /// while no thread inserts.
    @inline(__always)
    func mayContain(_ fingerprint: UInt64) -> Bool {
        let (word, bits) = place(fingerprint)
        return words.base[word] & bits == bits
    }

    /// The word of a fingerprint and the six bits set in it (from its high half).
    @inline(__always)
    private func place(_ fingerprint: UInt64) -> (word: Int, bits: UInt64) {
        var bits: UInt64 = 0
        var rest = fingerprint >> 32
        for _ in 0..<6 {
            bits |= 1 << (rest & 63)
            rest = (rest >> 6) &* 0x9E37_79B9 &+ (rest & 63)
        }
        return (word(of: fingerprint), bits)
    }

    /// The word of a fingerprint: its low bits.
    @inline(__always)
    private func word(of fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: fingerprint) & mask
    }
}
