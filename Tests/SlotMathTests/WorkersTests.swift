import SlotMath
import Testing

@Suite("Workers")
struct WorkersTests {
    @Test("map returns results in index order", arguments: [1, 2, 5])
    func map(count: Int) {
        #expect(Workers.map(count: count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    @Test("mapChunks concatenates the chunks' results in index order")
    func mapChunks() {
        let results = Workers.mapChunks(count: 23, chunkSize: 4, threads: 2) { range in range.map { $0 * 10 } }
        #expect(results == (0..<23).map { $0 * 10 })
        #expect(Workers.mapChunks(count: 0, chunkSize: 4, threads: 2) { $0.map { $0 } }.isEmpty)
    }

    /// Buffer addresses before and after show whether an element was copied on write.
    @Test("update changes every element in place, without copying its arrays", arguments: [1, 2, 3])
    func update(count: Int) {
        var elements = (0..<count).map { [Float](repeating: Float($0), count: 100_000) }
        let addresses = elements.map { $0.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        for _ in 0..<3 {
            Workers.update(&elements) { index, element in
                for position in element.indices { element[position] += Float(index + 1) }
            }
        }
        #expect(elements.map(\.count) == Array(repeating: 100_000, count: count))
        let expected: [Float?] = (0..<count).map { index in Float(index + 3 * (index + 1)) }
        #expect(elements.map(\.first) == expected)
        #expect(elements.map { Set($0).count } == Array(repeating: 1, count: count))
        #expect(elements.map { $0.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } } == addresses)
    }

    @Test("mapBalanced returns results in index order whatever the costs", arguments: [1, 2, 3])
    func mapBalanced(threads: Int) {
        let costs = [5, 1, 90_000, 7, 40_000, 0, 3]
        #expect(Workers.mapBalanced(costs: costs, threads: threads) { $0 * 3 } == costs.indices.map { $0 * 3 })
        #expect(Workers.mapBalanced(costs: [], threads: threads) { $0 }.isEmpty)
    }
}
