#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotLayers
import SlotMath
import Testing

@Suite("GRU")
struct GRUTests {
    static func randomGRU(inputSize: Int = 3, hiddenSize: Int = 4, seed: UInt64 = 11) -> GRU {
        TestData.recurrentLayer(GRU.self, inputSize: inputSize, hiddenSize: hiddenSize, seed: seed)
    }

    /// The equations of the doc comment, one sequence, in `Double`.
    static func reference(_ layer: GRU, _ sequence: [[Float]]) -> [[Double]] {
        let size = layer.hiddenSize
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        var state = [Double](repeating: 0, count: size)
        var result: [[Double]] = []
        for x in sequence {
            func input(_ row: Int) -> Double {
                (0..<x.count).reduce(Double(layer.bias[0, row])) { $0 + Double(layer.inputWeight[row, $1]) * Double(x[$1]) }
            }
            func recurrent(_ row: Int) -> Double {
                (0..<size).reduce(0) { $0 + Double(layer.recurrentWeight[row, $1]) * state[$1] }
            }
            var next = state
            for j in 0..<size {
                let r = sigmoid(input(j) + recurrent(j))
                let z = sigmoid(input(size + j) + recurrent(size + j))
                let n = tanh(input(2 * size + j) + r * (recurrent(2 * size + j) + Double(layer.recurrentBias[0, j])))
                next[j] = (1 - z) * n + z * state[j]
            }
            state = next
            result.append(state)
        }
        return result
    }

    @Test func parametersAreNamedAndShapedLikeTheLSTMs() {
        var generator = SplitMix64(seed: 1)
        let layer = GRU(inputSize: 5, hiddenSize: 7, using: &generator)
        #expect(layer.namedParameters.map(\.name) == ["inputWeight", "recurrentWeight", "bias", "recurrentBias"])
        #expect(layer.namedParameters.map(\.value.shape) == [[21, 5], [21, 7], [1, 21], [1, 7]])
        #expect(layer.parameterCount == 3 * 7 * (5 + 7) + 3 * 7 + 7)
        #expect(layer.inputSize == 5 && layer.hiddenSize == 7)
        #expect(layer.bias.scalars.allSatisfy { $0 == 0 } && layer.recurrentBias.scalars.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [false, true])
    func forwardMatchesTheEquationsForEverySequenceOfABatch(reversed: Bool) {
        let layer = Self.randomGRU()
        let lengths = [3, 1, 5, 3]
        let layout = SequenceLayout(lengths: lengths)
        var generator = SplitMix64(seed: 5)
        let input = Matrix.uniform(rows: layout.tokenCount, columns: 3, bound: 1, using: &generator)
        var output = Matrix(rows: layout.tokenCount, columns: 6, repeating: -9)
        let cache = layer.forward(input, layout: layout, reversed: reversed, output: &output, outputColumn: 1)
        let finals = cache.finalStates
        for (sequence, length) in lengths.enumerated() {
            let offset = layout.offsets[sequence]
            var rows = Array(offset..<(offset + length))
            if reversed { rows.reverse() }
            let expected = Self.reference(layer, rows.map { input.row($0) })
            for (step, row) in rows.enumerated() {
                for j in 0..<4 { #expect(abs(Double(output[row, 1 + j]) - expected[step][j]) < 1e-5) }
                #expect(output[row, 0] == -9 && output[row, 5] == -9)
            }
            for j in 0..<4 { #expect(abs(Double(finals[sequence, j]) - expected[length - 1][j]) < 1e-5) }
        }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func backwardMatchesFiniteDifferences(reversed: Bool, withFinalGradient: Bool) {
        let check = RecurrentGradientCheck(
            layer: Self.randomGRU(), lengths: [3, 1, 4, 2, 4],
            reversed: reversed, withFinalGradient: withFinalGradient, seed: 21)
        check.run()
    }

    @Test func backwardOfASingleStepSequence() {
        let check = RecurrentGradientCheck(
            layer: Self.randomGRU(inputSize: 2, hiddenSize: 3, seed: 4), lengths: [1],
            reversed: false, withFinalGradient: true, seed: 8)
        check.run()
    }
}
