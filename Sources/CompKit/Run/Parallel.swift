import Dispatch
import Synchronization

/// Work cut into parts, each run on a thread of its own (`DispatchQueue.concurrentPerform`); every
/// call returns once all its parts have finished.
enum Parallel {
    /// `first()` and `second()` side by side.
    static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let firstResult = Mutex<First?>(nil), secondResult = Mutex<Second?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let value = first()
                firstResult.withLock { $0 = value }
            } else {
                let value = second()
                secondResult.withLock { $0 = value }
            }
        }
        return (firstResult.withLock { $0! }, secondResult.withLock { $0! })
    }

    /// `part(index, &items[index])` for every index, each item on one thread.
    static func forEach<Item>(_ items: inout [Item], _ part: @Sendable (Int, inout Item) -> Void) {
        items.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer)
            DispatchQueue.concurrentPerform(iterations: slots.count) { index in slots.withItem(index) { part(index, &$0) } }
        }
    }

    /// `part(index, &items[index])` for every index, each item on one thread; throws the error of
    /// the first part (by index) that failed.
    static func forEach<Item>(_ items: inout [Item], throwing part: @Sendable (Int, inout Item) throws -> Void) throws {
        let failures = Mutex<[Int: any Error]>([:])
        try items.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer)
            DispatchQueue.concurrentPerform(iterations: slots.count) { index in
                do {
                    try slots.withItem(index) { try part(index, &$0) }
                } catch {
                    failures.withLock { $0[index] = error }
                }
            }
            if let first = failures.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
        }
    }

    /// The items of a buffer handed out one to a thread.
    ///
    /// `@unchecked Sendable`: `forEach` gives each index to exactly one part, so no two threads
    /// touch the same item, and the buffer outlives `concurrentPerform`, which returns only after
    /// every part has finished.
    private struct Slots<Item>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Item>

        init(_ buffer: UnsafeMutableBufferPointer<Item>) { self.buffer = buffer }

        var count: Int { buffer.count }

        func withItem(_ index: Int, _ body: (inout Item) throws -> Void) rethrows { try body(&buffer[index]) }
    }
}
