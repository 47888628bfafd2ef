/// A read-only hash table from byte strings (ids, tokens) to small integers, looked up straight
/// from the bytes of a CSV field: no `String` is made per row.
struct ByteKeyTable {
    private var keys: [UInt8] = []
    private var keyStarts: [Int32] = [0]
    private var slots: [Int32]
    private let mask: Int

    /// Numbers the keys 0, 1, 2… in the order given (a repeated key keeps its first number).
    init<S: Sequence>(_ strings: S) where S.Element == String {
        let list = Array(strings)
        var capacity = 16
        while capacity < list.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for string in list {
            let bytes = Array(string.utf8)
            let found = bytes.withUnsafeBufferPointer { lookup($0) }
            guard found < 0 else { continue }
            keys.append(contentsOf: bytes)
            keyStarts.append(Int32(keys.count))
            var slot = Int(truncatingIfNeeded: ByteKeyTable.hash(bytes.withUnsafeBufferPointer { $0 })) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(keyStarts.count - 2)
        }
    }

    var count: Int { keyStarts.count - 1 }

    /// The key's number, or -1 when it is not in the table.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var slot = Int(truncatingIfNeeded: ByteKeyTable.hash(bytes)) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { return -1 }
            let start = Int(keyStarts[Int(candidate)]), end = Int(keyStarts[Int(candidate) + 1])
            if end - start == bytes.count && keys.withUnsafeBufferPointer({ memoryEqual($0.baseAddress! + start, bytes.baseAddress, bytes.count) }) {
                return candidate
            }
            slot = (slot + 1) & mask
        }
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

@inline(__always)
private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard let b else { return count == 0 }
    for index in 0..<count where a[index] != b[index] { return false }
    return true
}
