import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

@Suite("Embedding")
struct EmbeddingTests {
    static let ids = [2, 0, 2, 4, 2, 1]
    static let weights = TestData.matrix(6, 3, seed: 31)

    static func table() -> Embedding {
        var generator = SplitMix64(seed: 32)
        return Embedding(count: 5, dimension: 3, bound: 0.5, using: &generator)
    }

    @Test("lookup copies rows; padding row starts at zero; values are within the bound")
    func lookup() {
        let embedding = Self.table()
        #expect(embedding.table.row(0) == [0, 0, 0])
        #expect(embedding.table.scalars.allSatisfy { abs($0) <= 0.5 })
        let output = embedding(Self.ids)
        #expect(output.rows == 6 && output.columns == 3)
        for (row, id) in Self.ids.enumerated() { #expect(output.row(row) == embedding.table.row(id)) }
    }

    @Test("scatter-add accumulates repeated ids and matches central differences")
    func scatterAdd() {
        let embedding = Self.table()
        var gradient = embedding.zeroed
        embedding.accumulateGradient(ids: Self.ids, outputGradient: Self.weights, into: &gradient)
        for column in 0..<3 {
            #expect(gradient.table[2, column] == Self.weights[0, column] + Self.weights[2, column] + Self.weights[4, column])
            #expect(gradient.table[3, column] == 0)
        }
        let report = GradientCheck().check(embedding, analytic: gradient) { TestData.dot(Self.weights, $0(Self.ids)) }
        #expect(report.passed, "\(report)")
        #expect(report.checkedCount == 15)
    }

    @Test("the sparse gradient lists the looked-up rows and has the dense gradient's bits")
    func sparseGradient() {
        let embedding = Self.table()
        var dense = embedding.zeroed
        embedding.accumulateGradient(ids: Self.ids, outputGradient: Self.weights, into: &dense)
        let sparse = embedding.sparseGradient(ids: Self.ids, outputGradient: Self.weights)
        #expect(sparse.ids == [0, 1, 2, 4])
        #expect(sparse.rowCount == 5 && sparse.columns == 3)
        #expect(sparse.dense.scalars.map(\.bitPattern) == dense.table.scalars.map(\.bitPattern))
    }
}
