#if canImport(Glibc)
import Glibc
#endif

/// A growable byte buffer whose bytes are handed out as pointers: a class so that several readers
/// can each own one and their pointers stay valid until the buffer is reused.
final class ByteScratch {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if count + bytes.count > capacity {
            capacity = max(capacity * 2, count + bytes.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
        }
        _ = UnsafeMutableBufferPointer(start: base + count, count: bytes.count).initialize(from: bytes)
        count += bytes.count
    }
}
