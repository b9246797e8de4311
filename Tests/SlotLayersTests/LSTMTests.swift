import SlotLayers
import SlotMath
import Testing

@Suite("LSTM")
struct LSTMTests {
    /// An LSTM with every parameter (biases included) drawn from `[-0.8, 0.8)`.
    static func randomLSTM(inputSize: Int = 3, hiddenSize: Int = 4, seed: UInt64 = 13) -> LSTM {
        var generator = SplitMix64(seed: seed)
        var layer = LSTM(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        layer.visitParameters { _, matrix in
            matrix = .uniform(rows: matrix.rows, columns: matrix.columns, bound: 0.8, using: &generator)
        }
        return layer
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
}
