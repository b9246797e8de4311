import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

@Suite("LSTM")
struct LSTMTests {
    static let layout = SequenceLayout(lengths: [3, 1, 4, 2])
    static let inputSize = 3, hiddenSize = 2
    /// Outputs are written at column 1 of a 3-column matrix, to exercise the column offset.
    static let outputColumns = 4, outputColumn = 1, finalColumn = 2

    static func layer() -> LSTM {
        var generator = SplitMix64(seed: 11)
        var lstm = LSTM(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        lstm.bias = TestData.matrix(1, 4 * hiddenSize, seed: 12, bound: 0.5)
        return lstm
    }

    static let input = TestData.matrix(10, inputSize, seed: 13)
    static let outputWeights = TestData.matrix(10, outputColumns, seed: 14)
    static let finalWeights = TestData.matrix(4, finalColumn + hiddenSize, seed: 15)

    static func loss(_ lstm: LSTM, input: Matrix, reversed: Bool) -> Double {
        var output = Matrix(rows: 10, columns: outputColumns)
        let cache = lstm.forward(input, layout: layout, reversed: reversed, output: &output, outputColumn: outputColumn)
        var finals = Matrix(rows: 4, columns: finalColumn + hiddenSize)
        let states = cache.finalStates
        for row in 0..<4 { for column in 0..<hiddenSize { finals[row, finalColumn + column] = states[row, column] } }
        return TestData.dot(outputWeights, output) + TestData.dot(finalWeights, finals)
    }

    static func analytic(reversed: Bool) -> (parameters: LSTM, input: Matrix) {
        let lstm = layer()
        var output = Matrix(rows: 10, columns: outputColumns)
        let cache = lstm.forward(input, layout: layout, reversed: reversed, output: &output, outputColumn: outputColumn)
        var outputGradient = outputWeights
        for row in 0..<10 { outputGradient[row, 0] = 7; outputGradient[row, 3] = -7 }
        var inputGradient = Matrix(rows: 10, columns: inputSize, repeating: 0)
        let parameters = lstm.backward(
            outputGradient: outputGradient, outputColumn: outputColumn, finalGradient: finalWeights,
            finalColumn: finalColumn, cache: cache, inputGradient: &inputGradient)
        return (parameters, inputGradient)
    }

    @Test("parameter gradients match central differences", arguments: [false, true])
    func parameterGradients(reversed: Bool) {
        let report = GradientCheck().check(Self.layer(), analytic: Self.analytic(reversed: reversed).parameters) {
            Self.loss($0, input: Self.input, reversed: reversed)
        }
        #expect(report.passed, "\(report)")
        #expect(report.checkedCount == 4 * 2 * 3 + 4 * 2 * 2 + 8)
    }

    @Test("input gradients match central differences", arguments: [false, true])
    func inputGradients(reversed: Bool) {
        let lstm = Self.layer()
        let report = GradientCheck().check(input: Self.input, analytic: Self.analytic(reversed: reversed).input) {
            Self.loss(lstm, input: $0, reversed: reversed)
        }
        #expect(report.passed, "\(report)")
    }

    @Test("input gradient is added to what the matrix held")
    func inputGradientAccumulates() {
        let lstm = Self.layer()
        var output = Matrix(rows: 10, columns: Self.outputColumns)
        let cache = lstm.forward(Self.input, layout: Self.layout, reversed: false, output: &output, outputColumn: 1)
        var fresh = Matrix(rows: 10, columns: 3)
        var primed = Matrix(rows: 10, columns: 3, repeating: 0.5)
        _ = lstm.backward(outputGradient: Self.outputWeights, outputColumn: 1, finalGradient: nil, finalColumn: 0,
                          cache: cache, inputGradient: &fresh)
        _ = lstm.backward(outputGradient: Self.outputWeights, outputColumn: 1, finalGradient: nil, finalColumn: 0,
                          cache: cache, inputGradient: &primed)
        for index in 0..<30 { #expect(primed.scalars[index] == fresh.scalars[index] + 0.5) }
    }

    @Test("a batch gives each sequence exactly what it gets alone")
    func batchEqualsSingles() {
        let lstm = Self.layer()
        var output = Matrix(rows: 10, columns: 2)
        let cache = lstm.forward(Self.input, layout: Self.layout, reversed: true, output: &output, outputColumn: 0)
        for sequence in 0..<4 {
            let offset = Self.layout.offsets[sequence], length = Self.layout.lengths[sequence]
            var single = Matrix(rows: length, columns: 3)
            for row in 0..<length { for column in 0..<3 { single[row, column] = Self.input[offset + row, column] } }
            var alone = Matrix(rows: length, columns: 2)
            let singleCache = lstm.forward(single, layout: SequenceLayout(lengths: [length]), reversed: true,
                                           output: &alone, outputColumn: 0)
            for row in 0..<length { #expect(alone.row(row) == output.row(offset + row)) }
            #expect(singleCache.finalStates.row(0) == cache.finalStates.row(sequence))
            #expect(cache.finalStates.row(sequence) == output.row(offset))
        }
    }
}
