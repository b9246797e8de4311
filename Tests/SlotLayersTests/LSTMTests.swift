import SlotLayers
import SlotMath
import Testing

@Suite("LSTM")
struct LSTMTests {
    static func randomLSTM(inputSize: Int = 3, hiddenSize: Int = 4, seed: UInt64 = 13) -> LSTM {
        TestData.recurrentLayer(LSTM.self, inputSize: inputSize, hiddenSize: hiddenSize, seed: seed)
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func backwardMatchesFiniteDifferences(reversed: Bool, withFinalGradient: Bool) {
        let check = RecurrentGradientCheck(
            layer: Self.randomLSTM(), lengths: [3, 1, 4, 2, 4],
            reversed: reversed, withFinalGradient: withFinalGradient, seed: 23)
        check.run()
    }

    @Test func backwardOfASingleStepSequence() {
        let check = RecurrentGradientCheck(
            layer: Self.randomLSTM(inputSize: 2, hiddenSize: 3, seed: 6), lengths: [1],
            reversed: false, withFinalGradient: true, seed: 9)
        check.run()
    }

    /// A sequence alone runs its recurrent products as matrix-vector products
    /// (see `GEMM.multiply`), whose sums are ordered differently: equal to rounding.
    @Test("a batch gives each sequence what it gets alone, to rounding")
    func batchEqualsSingles() {
        let lstm = Self.randomLSTM()
        let layout = SequenceLayout(lengths: [3, 1, 4, 2])
        var generator = SplitMix64(seed: 13)
        let input = Matrix.uniform(rows: 10, columns: 3, bound: 1, using: &generator)
        var output = Matrix(rows: 10, columns: 4)
        let cache = lstm.forward(input, layout: layout, reversed: true, output: &output, outputColumn: 0)
        for sequence in 0..<4 {
            let offset = layout.offsets[sequence], length = layout.lengths[sequence]
            var single = Matrix(rows: length, columns: 3)
            for row in 0..<length { for column in 0..<3 { single[row, column] = input[offset + row, column] } }
            var alone = Matrix(rows: length, columns: 4)
            let singleCache = lstm.forward(single, layout: SequenceLayout(lengths: [length]), reversed: true,
                                           output: &alone, outputColumn: 0)
            for row in 0..<length { #expect(Self.close(alone.row(row), output.row(offset + row))) }
            #expect(Self.close(singleCache.finalStates.row(0), cache.finalStates.row(sequence)))
            #expect(cache.finalStates.row(sequence) == output.row(offset))
        }
    }

    private static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 }
    }
}
