/// A hash table from byte strings (ids, tokens) to small integers 0, 1, 2…, looked up (and
/// filled, `insert`) straight from the bytes of a CSV field: no `String` is made per row. A slot
/// holds the key's first 16 bytes, so a lookup of a short key (rep ids, tokens) reads one slot and
/// nothing else.
struct ByteKeyTable: Sendable {
    private struct Slot: Sendable {
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
    private var mask: Int

    /// Numbers the keys 0, 1, 2… in the order given (a repeated key keeps its first number).
    init<S: Sequence>(_ strings: S) where S.Element == String {
        let list = Array(strings)
        self.init(capacityFor: list.count)
        for string in list { string.withUTF8Bytes { _ = insert($0) } }
    }

    /// An empty table with room for `count` keys before it grows.
    init(capacityFor count: Int = 0) {
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        slots = Array(hugePagesRepeating: Slot(head: (0, 0), length: 0, number: -1), count: capacity)
        mask = capacity - 1
    }

    /// The key's number: its existing one, or the next (`count` before the call) when it is new.
    /// The table doubles when half full.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let found = lookup(key)
        guard found < 0 else { return found }
        if (count + 1) * 2 > slots.count { grow() }
        keys.append(contentsOf: key)
        keyStarts.append(Int32(keys.count))
        let number = Int32(keyStarts.count - 2)
        place(key, number: number)
        return number
    }

    private mutating func place(_ key: UnsafeBufferPointer<UInt8>, number: Int32) {
        let (hash, head) = ByteKeyTable.hashAndHead(key)
        place(hash: hash, head: head, length: Int32(key.count), number: number)
    }

    private mutating func place(hash: UInt64, head: (UInt64, UInt64), length: Int32, number: Int32) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].number >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(head: head, length: length, number: number)
    }

    /// Doubles the slots and places every key again, a batch at a time: the batch's keys are
    /// hashed and their slots loaded before any is placed (a table of millions of keys has its
    /// slots far apart, and a slot that each key waited for in turn cost more than the hashing).
    private mutating func grow() {
        slots = Array(hugePagesRepeating: Slot(head: (0, 0), length: 0, number: -1), count: slots.count * 2)
        mask = slots.count - 1
        let keys = self.keys, starts = keyStarts, count = self.count
        let batchSize = 16
        var batch: [(hash: UInt64, head: (UInt64, UInt64), length: Int32)] = []
        batch.reserveCapacity(batchSize)
        keys.withUnsafeBufferPointer { bytes in
            for batchStart in stride(from: 0, to: count, by: batchSize) {
                let numbers = batchStart..<min(count, batchStart + batchSize)
                batch.removeAll(keepingCapacity: true)
                for number in numbers {
                    let key = UnsafeBufferPointer(rebasing: bytes[Int(starts[number])..<Int(starts[number + 1])])
                    let (hash, head) = ByteKeyTable.hashAndHead(key)
                    batch.append((hash, head, Int32(key.count)))
                    prefetchSlot(hash: hash)
                }
                for (number, key) in zip(numbers, batch) {
                    place(hash: key.hash, head: key.head, length: key.length, number: Int32(number))
                }
            }
        }
    }

    /// Calls `body` with the bytes of key `number`.
    func withKey<Result>(_ number: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try keys.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[Int(keyStarts[Int(number)])..<Int(keyStarts[Int(number) + 1])])) }
    }

    /// Key `number` as text (for messages).
    func key(_ number: Int32) -> String { withKey(number) { String(decoding: $0, as: UTF8.self) } }

    var count: Int { keyStarts.count - 1 }

    /// A key's hash and first 16 bytes, worked out once for a prefetch and the lookup after it.
    struct Probe {
        fileprivate var hash: UInt64
        fileprivate var head: (UInt64, UInt64)
        static let none = Probe(hash: 0, head: (0, 0))
    }

    /// The probe of a key, for `prefetch(_:)` and `lookup(_:probe:)`.
    @inline(__always)
    static func probe(_ bytes: UnsafeBufferPointer<UInt8>) -> Probe {
        let (hash, head) = hashAndHead(bytes)
        return Probe(hash: hash, head: head)
    }

    /// The key's number, or -1 when it is not in the table.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        lookup(bytes, probe: ByteKeyTable.probe(bytes))
    }

    /// The same, with the key's `probe` already worked out.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, probe: Probe) -> Int32 {
        let (hash, head) = (probe.hash, probe.head)
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

    /// Starts loading the slot a lookup of `bytes` reads first (a hint: no result changes).
    @inline(__always)
    func prefetch(_ bytes: UnsafeBufferPointer<UInt8>) {
        prefetch(ByteKeyTable.probe(bytes))
    }

    /// The same for a key whose probe is worked out.
    @inline(__always)
    func prefetch(_ probe: Probe) {
        prefetchSlot(hash: probe.hash)
    }

    /// Starts loading the first slot of a key whose hash is `hash`.
    @inline(__always)
    private func prefetchSlot(hash: UInt64) {
        slots.prefetch(at: Int(truncatingIfNeeded: hash) & mask)
    }

    private func tailMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int32) -> Bool {
        let start = Int(keyStarts[Int(number)])
        return keys.withUnsafeBufferPointer { keys in
            (16..<bytes.count).allSatisfy { keys[start + $0] == bytes[$0] }
        }
    }

    /// The key's first 16 bytes as two words, zero-padded, and a hash of the whole key: read a
    /// word at a time (a byte at a time only below 4 bytes), each word folded in by a multiply.
    @inline(__always)
    private static func hashAndHead(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, head: (UInt64, UInt64)) {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return (mixed(0), (0, 0)) }
        let raw = UnsafeRawPointer(base)
        func word(at offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var head: (UInt64, UInt64) = (0, 0)
        if count >= 16 {
            head = (word(at: 0), word(at: 8))
        } else if count > 8 {
            // The last 8 bytes, shifted so that byte 8 comes first.
            head = (word(at: 0), word(at: count - 8) >> UInt64(8 * (16 - count)))
        } else if count >= 4 {
            // The first 4 bytes and the last 4 (overlapping), shifted so that byte 4 comes after byte 3.
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            head.0 = low | (high >> UInt64(8 * (8 - count))) << 32
        } else {
            for position in 0..<count { head.0 |= UInt64(bytes[position]) << UInt64(8 * position) }
        }
        var hash = mixed(mixed(head.0 ^ UInt64(count)) ^ head.1)
        // Past 16 bytes: each further 8 (the last ones overlapping those before).
        var offset = 16
        while offset < count {
            hash = mixed(hash ^ word(at: min(offset, count - 8)))
            offset += 8
        }
        return (hash, head)
    }

    /// A multiply by the golden ratio's 64-bit fraction, its high bits folded into the low ones
    /// (the table is indexed by the low bits).
    @inline(__always)
    private static func mixed(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }
}
