import CPlatform

/// A read-only hash table from byte strings (ids, tokens) to small integers, looked up straight
/// from the bytes of a CSV field: no `String` is made per row. A slot holds the key's first 16
/// bytes, so a lookup of a short key (rep ids, tokens) reads one slot and nothing else.
struct ByteKeyTable {
    private struct Slot {
        /// The key's first 16 bytes, zero-padded.
        var head: (UInt64, UInt64)
        var length: Int32
        /// -1 for an empty slot.
        var number: Int32
    }

    /// Every key's bytes, for comparing past the 16 in its slot.
    private var keys: [UInt8] = []
    private var keyStarts: [Int32] = [0]
    private var slots: [Slot]
    private let mask: Int

    /// Numbers the keys 0, 1, 2… in the order given (a repeated key keeps its first number).
    init<S: Sequence>(_ strings: S) where S.Element == String {
        let list = Array(strings)
        var capacity = 16
        while capacity < list.count * 2 { capacity *= 2 }
        slots = Array(repeating: Slot(head: (0, 0), length: 0, number: -1), count: capacity)
        mask = capacity - 1
        for string in list {
            let bytes = Array(string.utf8)
            let found = bytes.withUnsafeBufferPointer { lookup($0) }
            guard found < 0 else { continue }
            keys.append(contentsOf: bytes)
            keyStarts.append(Int32(keys.count))
            bytes.withUnsafeBufferPointer { key in
                var slot = ByteKeyTable.slot(key, mask: mask)
                while slots[slot].number >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(head: ByteKeyTable.head(key), length: Int32(key.count), number: Int32(keyStarts.count - 2))
            }
        }
    }

    var count: Int { keyStarts.count - 1 }

    /// The key's number, or -1 when it is not in the table.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var slot = ByteKeyTable.slot(bytes, mask: mask)
        let head = ByteKeyTable.head(bytes)
        while true {
            let candidate = slots[slot]
            if candidate.number < 0 { return -1 }
            if Int(candidate.length) == bytes.count && candidate.head == head && (bytes.count <= 16 || tailMatches(bytes, candidate.number)) {
                return candidate.number
            }
            slot = (slot + 1) & mask
        }
    }

    /// Starts loading the slot a lookup of `bytes` reads first (a hint: no result changes).
    @inline(__always)
    func prefetch(_ bytes: UnsafeBufferPointer<UInt8>) {
        slots.withUnsafeBufferPointer { comp_prefetch_for_read($0.baseAddress! + ByteKeyTable.slot(bytes, mask: mask)) }
    }

    private func tailMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int32) -> Bool {
        let start = Int(keyStarts[Int(number)])
        return keys.withUnsafeBufferPointer { keys in
            (16..<bytes.count).allSatisfy { keys[start + $0] == bytes[$0] }
        }
    }

    @inline(__always)
    private static func slot(_ bytes: UnsafeBufferPointer<UInt8>, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash(bytes)) & mask
    }

    /// The first 16 bytes as two words, zero-padded.
    @inline(__always)
    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var head: (UInt64, UInt64) = (0, 0)
        if let base = bytes.baseAddress {
            withUnsafeMutableBytes(of: &head) { $0.baseAddress!.copyMemory(from: base, byteCount: min(16, bytes.count)) }
        }
        return head
    }

    /// FNV-1a, 64 bits.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash ^ (hash >> 29)
    }
}
