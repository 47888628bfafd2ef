import Dispatch
import Foundation
import Synchronization

/// Work cut into parts, each run on a thread of its own (`DispatchQueue.concurrentPerform`, a
/// `Thread` for a pipeline's producer); every call returns once all its parts have finished.
/// Called inside a part of another call, a call gets only its share of the cores (GCD divides
/// them among the outer call's parts): on two cores, inside `both`, its parts run one after another.
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

    /// `produce` on a thread of its own and `consume` on this one, side by side: each item `produce`
    /// hands to `send` reaches `consume` in the same order, with at most `depth` waiting (`send`
    /// blocks meanwhile, and returns an item `consume` is done with, to be filled again, or nil).
    /// Returns when both are done; throws what `produce` threw.
    static func pipeline<Item: Sendable>(depth: Int, produce: @escaping @Sendable (_ send: (Item) -> Item?) throws -> Void,
                                         consume: (Item) -> Void) throws {
        let channel = Channel<Item>(depth: depth)
        Thread {
            do {
                try produce(channel.send)
                channel.close(failure: nil)
            } catch {
                channel.close(failure: error)
            }
        }.start()
        while let item = channel.receive() {
            consume(item)
            channel.recycle(item)
        }
        if let failure = channel.closingFailure { throw failure }
    }

    /// The items on their way from `pipeline`'s producer to its consumer, and those coming back.
    ///
    /// `@unchecked Sendable`: every property but `depth` is read and written under `condition`.
    private final class Channel<Item: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let depth: Int
        private var waiting: [Item] = []
        private var done: [Item] = []
        private var isClosed = false
        private var failure: (any Error)?

        init(depth: Int) { self.depth = depth }

        func send(_ item: Item) -> Item? {
            condition.withLock {
                while waiting.count >= depth { condition.wait() }
                waiting.append(item)
                condition.broadcast()
                return done.popLast()
            }
        }

        /// The next item, nil once the producer is done and every item was received.
        func receive() -> Item? {
            condition.withLock {
                while waiting.isEmpty && !isClosed { condition.wait() }
                guard !waiting.isEmpty else { return nil }
                condition.broadcast()
                return waiting.removeFirst()
            }
        }

        func recycle(_ item: Item) {
            condition.withLock { done.append(item) }
        }

        /// What the producer threw, once it is done.
        var closingFailure: (any Error)? { condition.withLock { failure } }

        func close(failure: (any Error)?) {
            condition.withLock {
                (isClosed, self.failure) = (true, failure)
                condition.broadcast()
            }
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
