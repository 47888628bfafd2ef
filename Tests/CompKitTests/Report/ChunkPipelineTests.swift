import Testing
@testable import CompKit

@Suite struct ChunkPipelineTests {
    struct DiskFull: Error {}

    /// Chunks rendered on the helper thread reach the caller whole and in order, more of them than
    /// there are buffers.
    @Test func chunksArriveInOrder() {
        var received: [UInt8] = []
        ChunkPipeline.run(count: 50, capacity: 4, render: { chunk, buffer in
            for offset in 0..<3 { buffer[offset] = UInt8(chunk) }
            return 3
        }, consume: { received += $0 })
        #expect(received == (0..<50).flatMap { [UInt8](repeating: UInt8($0), count: 3) })
    }

    /// A failing consumer (a full disk) stops the rendering and its error comes back.
    @Test func aFailingConsumerStopsTheRendering() {
        var consumed = 0
        #expect(throws: DiskFull.self) {
            try ChunkPipeline.run(count: 1000, capacity: 1, render: { _, _ in 1 }, consume: { _ in
                consumed += 1
                if consumed == 3 { throw DiskFull() }
            })
        }
        #expect(consumed == 3)
    }
}
