import Foundation
import SlotModel
import SlotTestSupport
import Testing

@Suite("Tagger: one shared value, many threads", .tags(.slow), .skippedWhenFast)
struct TaggerConcurrencyTests {
    @Test("8 threads tagging 1,000 utterances each get exactly the results of serial tagging")
    func eightThreads() async throws {
        let tagger = TestTaggers.small()
        let texts = (0..<1_000).map { index in
            ["leave Beijing on November 2nd", "fly to 北京 👍🏽 from New York", "to November \(index)",
             "", "Zürich to São Paulo"][index % 5] + (index % 3 == 0 ? " please" : "")
        }
        let serial = texts.map(tagger.tag)
        let parallel = await withTaskGroup(of: (Int, [TaggingResult]).self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let rotated = Array(texts[(worker * 125)...] + texts[..<(worker * 125)])
                    return (worker, rotated.map(tagger.tag))
                }
            }
            var results: [(Int, [TaggingResult])] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(parallel.count == 8)
        for (worker, results) in parallel {
            let expected = Array(serial[(worker * 125)...] + serial[..<(worker * 125)])
            #expect(results == expected, "worker \(worker)")
        }
    }
}
