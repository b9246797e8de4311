import Testing
import SlotMath
import SlotTraining

@Suite("Batching")
struct BatchingTests {
    @Test("every sentence lands in exactly one batch; batches within a chunk have sorted lengths")
    func partition() {
        let lengths = (0..<103).map { ($0 * 37) % 17 + 1 }
        var generator = SplitMix64(seed: 4)
        let batches = Batching(batchSize: 10, bucketFactor: 3).batches(lengths: lengths, using: &generator)
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<103))
        #expect(batches.count == 11)
        #expect(batches.filter { $0.count < 10 }.map(\.count) == [3])  // 103 = 3 chunks of 30, then 13: 10 + 3
        for batch in batches { #expect(batch.map { lengths[$0] } == batch.map { lengths[$0] }.sorted()) }
        var again = SplitMix64(seed: 4)
        #expect(Batching(batchSize: 10, bucketFactor: 3).batches(lengths: lengths, using: &again) == batches)
    }
}
