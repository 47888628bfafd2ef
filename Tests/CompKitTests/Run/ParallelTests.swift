import Testing
@testable import CompKit

@Suite struct ParallelTests {
    @Test func aPipelineHandsItemsOverInOrder() throws {
        var received: [Int] = []
        try Parallel.pipeline(depth: 2, produce: { send in
            for number in 0..<1000 { _ = send(number) }
        }, consume: { received.append($0) })
        #expect(received == Array(0..<1000))
    }

    @Test func aPipelineConsumesWhatWasSentBeforeItsProducerFailed() {
        struct Failure: Error {}
        var received: [Int] = []
        #expect(throws: Failure.self) {
            try Parallel.pipeline(depth: 4, produce: { send in
                _ = send(1)
                _ = send(2)
                throw Failure()
            }, consume: { received.append($0) })
        }
        #expect(received == [1, 2])
    }
}
