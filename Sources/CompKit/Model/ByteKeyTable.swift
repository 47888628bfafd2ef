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
                let (hash, head) = ByteKeyTable.hashAndHead(key)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot].number >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(head: head, length: Int32(key.count), number: Int32(keyStarts.count - 2))
            }
        }
    }

    var count: Int { keyStarts.count - 1 }

    /// The key's number, or -1 when it is not in the table.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (hash, head) = ByteKeyTable.hashAndHead(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let candidate = slots[slot]
            if candidate.number < 0 { return -1 }
            if Int(candidate.length) == bytes.count && candidate.head == head && (bytes.count <= 16 || tailMatches(bytes, candidate.number)) {
                return candidate.number
            }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with the address of the slot a lookup of `bytes` reads first (for prefetching).
    @inline(__always)
    func withFirstSlot(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeRawPointer) -> Void) {
        let slot = Int(truncatingIfNeeded: ByteKeyTable.hashAndHead(bytes).hash) & mask
        slots.withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress! + slot)) }
    }

    private func tailMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int32) -> Bool {
        let start = Int(keyStarts[Int(number)])
        return keys.withUnsafeBufferPointer { keys in
            (16..<bytes.count).allSatisfy { keys[start + $0] == bytes[$0] }
        }
    }

    /// FNV-1a (64 bits) of the bytes, and their first 16 bytes as two words, zero-padded: one
    /// pass over the key.
    @inline(__always)
    private static func hashAndHead(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, head: (UInt64, UInt64)) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var head: (UInt64, UInt64) = (0, 0)
        for (position, byte) in bytes.enumerated() {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
            if position < 8 {
                head.0 |= UInt64(byte) << (8 * position)
            } else if position < 16 {
                head.1 |= UInt64(byte) << (8 * (position - 8))
            }
        }
        return (hash ^ (hash >> 29), head)
    }
}
