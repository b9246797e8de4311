import SlotLayers
import SlotMath
import Testing

@Suite("CIFG")
struct CIFGTests {
    static func randomCIFG(inputSize: Int = 3, hiddenSize: Int = 4, seed: UInt64 = 17) -> CIFG {
        TestData.recurrentLayer(CIFG.self, inputSize: inputSize, hiddenSize: hiddenSize, seed: seed)
    }

    /// The LSTM that computes what `layer` computes: since `σ(−a) = 1 − σ(a)`,
    /// a forget gate whose weights and bias are the input gate's negated is `1 − i`.
    /// Gate rows: CIFG i, g, o; LSTM i, f, g, o.
    static func equivalentLSTM(_ layer: CIFG) -> LSTM {
        let size = layer.hiddenSize
        func expand(_ matrix: Matrix) -> Matrix {
            var result = Matrix(rows: 4 * size, columns: matrix.columns)
            for row in 0..<size {
                for column in 0..<matrix.columns {
                    result[row, column] = matrix[row, column]
                    result[size + row, column] = -matrix[row, column]
                    result[2 * size + row, column] = matrix[size + row, column]
                    result[3 * size + row, column] = matrix[2 * size + row, column]
                }
            }
            return result
        }
        func expandRow(_ bias: Matrix) -> Matrix {
            let column = Matrix(rows: 3 * size, columns: 1, scalars: bias.scalars)
            return Matrix(rows: 1, columns: 4 * size, scalars: expand(column).scalars)
        }
        return LSTM(
            inputWeight: expand(layer.inputWeight), recurrentWeight: expand(layer.recurrentWeight),
            bias: expandRow(layer.bias))
    }

    @Test func parametersAreThreeGatesWithTheInputGateBiasAtMinusOne() {
        var generator = SplitMix64(seed: 1)
        let layer = CIFG(inputSize: 5, hiddenSize: 7, using: &generator)
        #expect(layer.namedParameters.map(\.name) == ["inputWeight", "recurrentWeight", "bias"])
        #expect(layer.namedParameters.map(\.value.shape) == [[21, 5], [21, 7], [1, 21]])
        #expect(layer.parameterCount == 3 * 7 * (5 + 7) + 3 * 7)
        #expect(layer.bias.scalars == [Float](repeating: -1, count: 7) + [Float](repeating: 0, count: 14))
        // The implied forget gate starts where the LSTM's does: 1 − σ(−1) = σ(1).
        var lstmGenerator = SplitMix64(seed: 1)
        let lstm = LSTM(inputSize: 5, hiddenSize: 7, using: &lstmGenerator)
        #expect(abs((1 - Kernels.sigmoid(layer.bias[0, 0])) - Kernels.sigmoid(lstm.bias[0, 7])) < 1e-6)
    }

    @Test("it computes what an LSTM with the forget gate tied to 1 − i computes", arguments: [false, true])
    func matchesTheTiedLSTM(reversed: Bool) {
        let layer = Self.randomCIFG()
        let lstm = Self.equivalentLSTM(layer)
        let layout = SequenceLayout(lengths: [3, 1, 5, 3])
        var generator = SplitMix64(seed: 5)
        let input = Matrix.uniform(rows: layout.tokenCount, columns: 3, bound: 1, using: &generator)
        var output = Matrix(rows: layout.tokenCount, columns: 6, repeating: -9)
        var expected = Matrix(rows: layout.tokenCount, columns: 4)
        let cache = layer.forward(input, layout: layout, reversed: reversed, output: &output, outputColumn: 1)
        let lstmCache = lstm.forward(input, layout: layout, reversed: reversed, output: &expected, outputColumn: 0)
        for row in 0..<layout.tokenCount {
            for j in 0..<4 { #expect(abs(output[row, 1 + j] - expected[row, j]) < 1e-5) }
            #expect(output[row, 0] == -9 && output[row, 5] == -9)
        }
        for (value, reference) in zip(cache.finalStates.scalars, lstmCache.finalStates.scalars) {
            #expect(abs(value - reference) < 1e-5)
        }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func backwardMatchesFiniteDifferences(reversed: Bool, withFinalGradient: Bool) {
        let check = RecurrentGradientCheck(
            layer: Self.randomCIFG(), lengths: [3, 1, 4, 2, 4],
            reversed: reversed, withFinalGradient: withFinalGradient, seed: 25)
        check.run()
    }

    @Test func backwardOfASingleStepSequence() {
        let check = RecurrentGradientCheck(
            layer: Self.randomCIFG(inputSize: 2, hiddenSize: 3, seed: 7), lengths: [1],
            reversed: false, withFinalGradient: true, seed: 10)
        check.run()
    }
}
