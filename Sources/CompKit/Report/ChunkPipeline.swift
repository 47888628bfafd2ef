import Foundation

/// Renders a long file in chunks on a helper thread while the calling thread hands the finished
/// chunks on in order (to the output file and its checksum): rendering and writing overlap, and
/// only a few chunks exist at any time instead of the whole file.
enum ChunkPipeline {
    /// Calls `render(chunk, buffer)` for chunks `0..<count` on a helper thread, each filling the
    /// start of a `capacity`-byte buffer and returning how many bytes it wrote, and `consume` with
    /// those bytes on this thread, chunk after chunk. When `consume` throws, rendering stops.
    static func run(count: Int, capacity: Int, render: @escaping @Sendable (Int, UnsafeMutableRawBufferPointer) -> Int,
                    consume: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let ring = Ring(slots: 3, capacity: capacity)
        let helper = Thread {
            for chunk in 0..<count {
                let slot = chunk % ring.slots.count
                ring.emptied[slot].wait()
                if ring.isStopped { break }
                ring.lengths[slot] = render(chunk, ring.slots[slot])
                ring.filled[slot].signal()
            }
            ring.finished.signal()
        }
        helper.start()
        do {
            for chunk in 0..<count {
                let slot = chunk % ring.slots.count
                ring.filled[slot].wait()
                try consume(UnsafeRawBufferPointer(rebasing: ring.slots[slot][..<ring.lengths[slot]]))
                ring.emptied[slot].signal()
            }
        } catch {
            ring.stop()
            ring.finished.wait()
            throw error
        }
        ring.finished.wait()
    }

    /// The buffers passed between the two threads; a slot is either the helper's (emptied) or
    /// the caller's (filled). The semaphores order every access to a slot.
    private final class Ring: @unchecked Sendable {
        let slots: [UnsafeMutableRawBufferPointer]
        let lengths: UnsafeMutablePointer<Int>
        // Semaphores start at 0 and are signalled up: libdispatch traps when one is freed below its start value.
        let filled: [DispatchSemaphore]
        let emptied: [DispatchSemaphore]
        let finished = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var stopped = false

        init(slots count: Int, capacity: Int) {
            slots = (0..<count).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16) }
            lengths = UnsafeMutablePointer<Int>.allocate(capacity: count)
            lengths.initialize(repeating: 0, count: count)
            filled = (0..<count).map { _ in DispatchSemaphore(value: 0) }
            emptied = (0..<count).map { _ in DispatchSemaphore(value: 0) }
            for semaphore in emptied { semaphore.signal() }
        }

        var isStopped: Bool { lock.withLock { stopped } }

        /// Tells the helper to stop and wakes it wherever it waits.
        func stop() {
            lock.withLock { stopped = true }
            for semaphore in emptied { semaphore.signal() }
        }

        deinit {
            for slot in slots { slot.deallocate() }
            lengths.deallocate()
        }
    }
}
