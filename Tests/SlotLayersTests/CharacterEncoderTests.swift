import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

@Suite("CharacterEncoder")
struct CharacterEncoderTests {
    static let words = [[2, 3, 4], [5], [3, 3], [1, 6, 2, 2]]
    static let weights = TestData.matrix(4, 4, seed: 51)

    static func encoder() -> CharacterEncoder {
        var generator = SplitMix64(seed: 52)
        return CharacterEncoder(characterCount: 7, dimension: 2, hiddenSize: 2, using: &generator)
    }

    @Test("one row of 2H per word, equal to the BiLSTM's final states")
    func shapes() {
        let encoder = Self.encoder()
        let (output, _) = encoder.forward(Self.words)
        #expect(output.rows == 4 && output.columns == 4 && encoder.outputSize == 4)
        let (alone, _) = encoder.forward([[3, 3]])
        // Alone, the recurrent products are matrix-vector products, summed in another order.
        #expect(zip(alone.row(0), output.row(2)).allSatisfy { abs($0 - $1) <= 1e-6 })
    }

    @Test("gradients of embedding and BiLSTM match central differences")
    func gradients() {
        let encoder = Self.encoder()
        let (_, cache) = encoder.forward(Self.words)
        let gradient = encoder.backward(Self.weights, cache: cache)
        #expect(gradient.embedding.table.row(0) == [0, 0])
        let report = GradientCheck().check(encoder, analytic: gradient) { TestData.dot(Self.weights, $0.forward(Self.words).output) }
        #expect(report.passed, "\(report)")
    }
}
