import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

@Suite("BiLSTM")
struct BiLSTMTests {
    static let layout = SequenceLayout(lengths: [2, 4, 1])
    static let input = TestData.matrix(7, 3, seed: 21)
    static let outputWeights = TestData.matrix(7, 4, seed: 22)
    static let finalWeights = TestData.matrix(3, 4, seed: 23)

    static func layer() -> BiLSTM {
        var generator = SplitMix64(seed: 24)
        return BiLSTM(inputSize: 3, hiddenSize: 2, using: &generator)
    }

    static func loss(_ layer: BiLSTM, input: Matrix) -> Double {
        let (output, cache) = layer.forward(input, layout: layout)
        return TestData.dot(outputWeights, output) + TestData.dot(finalWeights, layer.finalStates(cache))
    }

    static func analytic() -> (inputGradient: Matrix, gradient: BiLSTM) {
        let layer = layer()
        let (_, cache) = layer.forward(input, layout: layout)
        return layer.backward(outputGradient: outputWeights, finalGradient: finalWeights, cache: cache)
    }

    @Test("parameter and input gradients match central differences")
    func gradients() {
        let layer = Self.layer()
        let (inputGradient, gradient) = Self.analytic()
        let parameters = GradientCheck().check(layer, analytic: gradient) { Self.loss($0, input: Self.input) }
        #expect(parameters.passed, "\(parameters)")
        #expect(parameters.checkedCount == 2 * (24 + 16 + 8))
        let input = GradientCheck().check(input: Self.input, analytic: inputGradient) { Self.loss(layer, input: $0) }
        #expect(input.passed, "\(input)")
    }

    @Test("outputs concatenate the directions; final states pick last and first tokens")
    func layoutOfOutputs() {
        let layer = Self.layer()
        let (output, cache) = layer.forward(Self.input, layout: Self.layout)
        let finals = layer.finalStates(cache)
        let lastRows = [1, 5, 6], firstRows = [0, 2, 6]
        for sequence in 0..<3 {
            #expect(Array(finals.row(sequence)[0..<2]) == Array(output.row(lastRows[sequence])[0..<2]))
            #expect(Array(finals.row(sequence)[2..<4]) == Array(output.row(firstRows[sequence])[2..<4]))
        }
        var forwardOnly = Matrix(rows: 7, columns: 2)
        _ = layer.leftToRight.forward(Self.input, layout: Self.layout, reversed: false, output: &forwardOnly, outputColumn: 0)
        for row in 0..<7 { #expect(Array(output.row(row)[0..<2]) == forwardOnly.row(row)) }
    }
}
