import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

@Suite struct LinearTests {
    private let layer = Linear(weight: Matrix([[1, 2], [3, 4], [5, 6]]), bias: Matrix([[0.5, -1, 2]]))

    @Test func forwardComputesXWTransposedPlusBias() {
        let input = Matrix([[1, 1], [0, -1]])
        #expect(layer(input) == Matrix([[3.5, 6, 13], [-1.5, -5, -4]]))
        let (output, cache) = layer.forward(input)
        #expect(output == layer(input))
        #expect(cache.input == input)
    }

    @Test func forwardIntoAWorkspaceResizesIt() {
        var workspace = Matrix(rows: 5, columns: 3, repeating: 9)
        layer.forward(Matrix([[1, 1]]), into: &workspace)
        #expect(workspace == Matrix([[3.5, 6, 13]]))
        layer.forward(Matrix(rows: 0, columns: 2), into: &workspace)
        #expect(workspace.shape == [0, 3])
    }

    @Test func backwardGivesKnownGradients() {
        let input = Matrix([[1, 1], [0, -1]])
        let outputGradient = Matrix([[1, 0, -1], [2, 1, 0]])
        let (inputGradient, gradient) = layer.backward(outputGradient, cache: layer.forward(input).cache)
        // dX = dY · W, dW = dYᵀ · X, db = column sums of dY.
        #expect(inputGradient == Matrix([[-4, -4], [5, 8]]))
        #expect(gradient.weight == Matrix([[1, -1], [0, -1], [-1, -1]]))
        #expect(gradient.bias == Matrix([[3, 1, -1]]))
    }

    @Test func accumulatingBackwardAddsToExistingGradients() {
        let input = Matrix([[1, 1], [0, -1]])
        let outputGradient = Matrix([[1, 0, -1], [2, 1, 0]])
        var gradient = layer.zeroed
        var inputGradient = Matrix(rows: 2, columns: 2, repeating: 1)
        layer.backward(outputGradient, input: input, addingTo: &gradient, inputGradient: &inputGradient)
        layer.backward(outputGradient, input: input, addingTo: &gradient, inputGradient: &inputGradient)
        #expect(inputGradient == Matrix([[-7, -7], [11, 17]]))
        #expect(gradient.weight == Matrix([[2, -2], [0, -2], [-2, -2]]))
        #expect(gradient.bias == Matrix([[6, 2, -2]]))
        var parametersOnly = layer.zeroed
        layer.backward(outputGradient, input: input, addingTo: &parametersOnly)
        #expect(parametersOnly.weight == Matrix([[1, -1], [0, -1], [-1, -1]]))
    }

    @Test func backwardMatchesFiniteDifferences() {
        var generator = SplitMix64(seed: 3)
        let layer = Linear(inputSize: 7, outputSize: 5, using: &generator)
        var perturbed = layer
        perturbed.bias = .uniform(rows: 1, columns: 5, bound: 1, using: &generator)
        let input = Matrix.uniform(rows: 4, columns: 7, bound: 1, using: &generator)
        let weights = Matrix.uniform(rows: 4, columns: 5, bound: 1, using: &generator)
        // L = Σ w ⊙ Y, so ∂L/∂Y = w.
        func loss(_ layer: Linear, _ input: Matrix) -> Double {
            zip(layer(input).scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let (inputGradient, gradient) = perturbed.backward(weights, cache: perturbed.forward(input).cache)
        let check = GradientCheck()
        let parameters = check.check(perturbed, analytic: gradient) { loss($0, input) }
        #expect(parameters.passed, "\(parameters)")
        #expect(parameters.checkedCount == 35 + 5)
        let inputs = check.check(input: input, analytic: inputGradient) { loss(perturbed, $0) }
        #expect(inputs.passed, "\(inputs)")
        #expect(inputs.checkedCount == 28)
    }

    @Test func glorotInitialisationAndNames() {
        var generator = SplitMix64(seed: 1)
        let layer = Linear(inputSize: 10, outputSize: 6, using: &generator)
        #expect(layer.inputSize == 10 && layer.outputSize == 6)
        #expect(layer.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(layer.namedParameters.map(\.value.shape) == [[6, 10], [1, 6]])
        #expect(layer.bias == Matrix(rows: 1, columns: 6))
        #expect(layer.weight.scalars.allSatisfy { abs($0) <= (6 / Float(16)).squareRoot() })
        var again = SplitMix64(seed: 1)
        #expect(Linear(inputSize: 10, outputSize: 6, using: &again) == layer)
    }
}
