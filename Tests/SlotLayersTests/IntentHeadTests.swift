import Foundation
import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

@Suite struct IntentHeadTests {
    /// Two sentences in rows 0..<2 and 3..<4 of a 5-row batch (rows 2 and 4 belong to none).
    private let outputs = Matrix([
        [1, 2, 3, 4],
        [5, -6, 7, 0],
        [100, 100, 100, 100],
        [-1, -2, -3, -4],
        [100, 100, 100, 100],
    ])
    private let sentences = [0..<2, 3..<4]

    /// A head whose projection is the identity, to read the pooled vector.
    private func identityHead(_ pooling: IntentPooling) -> IntentHead {
        let size = pooling.pooledSize(inputSize: 4)
        var weight = Matrix(rows: size, columns: size)
        for index in 0..<size { weight[index, index] = 1 }
        return IntentHead(linear: Linear(weight: weight, bias: Matrix(rows: 1, columns: size)), pooling: pooling)
    }

    @Test func finalPoolingTakesTheLastForwardAndFirstBackwardStates() {
        let head = identityHead(.final)
        #expect(head.inputSize == 4)
        let (logits, cache) = head.forward(outputs, sentences: sentences)
        #expect(logits == Matrix([[5, -6, 3, 4], [-1, -2, -3, -4]]))
        #expect(cache.pooled == logits)
    }

    @Test func maxPoolingTakesColumnMaxima() {
        let head = identityHead(.max)
        #expect(head(outputs, sentences: sentences) == Matrix([[5, 2, 7, 4], [-1, -2, -3, -4]]))
    }

    @Test func meanMaxPoolingConcatenatesMeanAndMax() {
        let head = identityHead(.meanMax)
        #expect(head.inputSize == 4)
        #expect(head(outputs, sentences: sentences) == Matrix([
            [3, -2, 5, 2, 5, 2, 7, 4],
            [-1, -2, -3, -4, -1, -2, -3, -4],
        ]))
    }

    @Test func finalMaxPoolingConcatenatesFinalStatesAndMax() {
        let head = identityHead(.finalMax)
        #expect(head.inputSize == 4)
        #expect(head(outputs, sentences: sentences) == Matrix([
            [5, -6, 3, 4, 5, 2, 7, 4],
            [-1, -2, -3, -4, -1, -2, -3, -4],
        ]))
    }

    @Test(arguments: IntentPooling.allCases)
    func backwardRoutesGradientsToTheRightRows(pooling: IntentPooling) {
        let head = identityHead(pooling)
        let (logits, cache) = head.forward(outputs, sentences: sentences)
        let ones = Matrix(rows: logits.rows, columns: logits.columns, repeating: 1)
        let (gradient, _) = head.backward(ones, cache: cache)
        #expect(gradient.row(2) == [0, 0, 0, 0])
        #expect(gradient.row(4) == [0, 0, 0, 0])
        switch pooling {
        case .final:
            #expect(gradient.row(0) == [0, 0, 1, 1])
            #expect(gradient.row(1) == [1, 1, 0, 0])
            #expect(gradient.row(3) == [1, 1, 1, 1])
        case .max:
            #expect(gradient.row(0) == [0, 1, 0, 1])
            #expect(gradient.row(1) == [1, 0, 1, 0])
            #expect(gradient.row(3) == [1, 1, 1, 1])
        case .meanMax:
            #expect(gradient.row(0) == [0.5, 1.5, 0.5, 1.5])
            #expect(gradient.row(1) == [1.5, 0.5, 1.5, 0.5])
            #expect(gradient.row(3) == [2, 2, 2, 2])
        case .finalMax:
            #expect(gradient.row(0) == [0, 1, 1, 2])
            #expect(gradient.row(1) == [2, 1, 1, 0])
            #expect(gradient.row(3) == [2, 2, 2, 2])
        }
    }

    /// Encoder outputs whose values are all at least 0.1 apart, so that no
    /// max-pooling argmax changes under a perturbation of 0.01.
    private static func separatedOutputs(rows: Int, columns: Int, using generator: inout SplitMix64) -> Matrix {
        var values = (0..<(rows * columns)).map { Float($0) * 0.1 - Float(rows * columns) * 0.05 }
        generator.shuffle(&values)
        return Matrix(rows: rows, columns: columns, scalars: values)
    }

    @Test(arguments: IntentPooling.allCases, [0, 5])
    func backwardMatchesFiniteDifferences(pooling: IntentPooling, hiddenSize: Int) {
        var generator = SplitMix64(seed: 21)
        let head = IntentHead(inputSize: 6, intentCount: 4, pooling: pooling, hiddenSize: hiddenSize, using: &generator)
        var withBias = head
        withBias.linear.bias = .uniform(rows: 1, columns: 4, bound: 0.5, using: &generator)
        withBias.hidden?.bias = .uniform(rows: 1, columns: hiddenSize, bound: 0.5, using: &generator)
        let outputs = Self.separatedOutputs(rows: 9, columns: 6, using: &generator)
        let sentences = [0..<4, 4..<5, 6..<9]
        let intents = [3, 0, 2]
        let softmax = SoftmaxOutput(labelCount: 4)
        func loss(_ head: IntentHead, _ outputs: Matrix) -> Double {
            softmax.crossEntropy(logits: head(outputs, sentences: sentences), labels: intents).loss
        }
        let (logits, cache) = withBias.forward(outputs, sentences: sentences)
        let logitGradient = softmax.crossEntropy(logits: logits, labels: intents).logitGradient
        let (outputGradient, gradient) = withBias.backward(logitGradient, cache: cache)
        #expect(outputGradient.row(5) == [0, 0, 0, 0, 0, 0])
        #expect(gradient.namedParameters.map(\.name)
            == (hiddenSize > 0 ? ["hidden.weight", "hidden.bias"] : []) + ["linear.weight", "linear.bias"])
        // tanh's curvature makes the central difference's truncation error
        // (h²·L'''/6) visible at h = 10⁻², so the hidden layer is checked at h = 2·10⁻³.
        let check = GradientCheck(step: hiddenSize > 0 ? 2e-3 : 1e-2)
        let parameters = check.check(withBias, analytic: gradient) { loss($0, outputs) }
        #expect(parameters.passed, "\(parameters)")
        let inputs = check.check(input: outputs, analytic: outputGradient) { loss(withBias, $0) }
        #expect(inputs.passed, "\(inputs)")
        #expect(inputs.checkedCount == 54)
    }

    @Test(arguments: IntentPooling.allCases)
    func sentenceFeaturesFollowThePooledOutputsAndReceiveNoGradient(pooling: IntentPooling) {
        let encoderPart = pooling.pooledSize(inputSize: 4)
        let size = encoderPart + 2
        var weight = Matrix(rows: size, columns: size)
        for index in 0..<size { weight[index, index] = 1 }
        let head = IntentHead(
            linear: Linear(weight: weight, bias: Matrix(rows: 1, columns: size)), pooling: pooling, sentenceFeatureSize: 2)
        #expect(head.inputSize == 4 && head.pooledSize == size && head.sentenceFeatureSize == 2)
        let features = Matrix([[7, 8], [-9, 0.5]])
        let (logits, cache) = head.forward(outputs, sentences: sentences, sentenceFeatures: features)
        let pooled = identityHead(pooling)(outputs, sentences: sentences)
        for b in 0..<2 {
            #expect(logits.row(b) == pooled.row(b) + features.row(b))
        }
        // The outputs' gradient is the one the same head without sentence features gives.
        let ones = Matrix(rows: 2, columns: size, repeating: 1)
        let (gradient, _) = head.backward(ones, cache: cache)
        let (_, plainCache) = identityHead(pooling).forward(outputs, sentences: sentences)
        let (plainGradient, _) = identityHead(pooling).backward(
            Matrix(rows: 2, columns: encoderPart, repeating: 1), cache: plainCache)
        #expect(gradient == plainGradient)
    }

    @Test(arguments: [0, 5])
    func backwardWithSentenceFeaturesMatchesFiniteDifferences(hiddenSize: Int) {
        var generator = SplitMix64(seed: 23)
        let head = IntentHead(
            inputSize: 6, intentCount: 4, pooling: .finalMax, hiddenSize: hiddenSize, sentenceFeatureSize: 3, using: &generator)
        let outputs = Self.separatedOutputs(rows: 9, columns: 6, using: &generator)
        let features = Matrix.uniform(rows: 3, columns: 3, bound: 1, using: &generator)
        let sentences = [0..<4, 4..<5, 6..<9]
        let intents = [3, 0, 2]
        let softmax = SoftmaxOutput(labelCount: 4)
        func loss(_ head: IntentHead, _ outputs: Matrix) -> Double {
            softmax.crossEntropy(logits: head(outputs, sentences: sentences, sentenceFeatures: features), labels: intents).loss
        }
        let (logits, cache) = head.forward(outputs, sentences: sentences, sentenceFeatures: features)
        let logitGradient = softmax.crossEntropy(logits: logits, labels: intents).logitGradient
        let (outputGradient, gradient) = head.backward(logitGradient, cache: cache)
        let check = GradientCheck(step: hiddenSize > 0 ? 2e-3 : 1e-2)
        let parameters = check.check(head, analytic: gradient) { loss($0, outputs) }
        #expect(parameters.passed, "\(parameters)")
        let inputs = check.check(input: outputs, analytic: outputGradient) { loss(head, $0) }
        #expect(inputs.passed, "\(inputs)")
    }

    @Test func accumulatingBackwardAddsAndEmptySentencesPoolToZero() {
        let head = identityHead(.max)
        let (logits, cache) = head.forward(outputs, sentences: [0..<2, 2..<2])
        #expect(logits.row(1) == [0, 0, 0, 0])
        var outputGradient = Matrix(rows: 5, columns: 4, repeating: 1)
        var gradient = head.zeroed
        let ones = Matrix(rows: 2, columns: 4, repeating: 1)
        head.backward(ones, cache: cache, outputGradient: &outputGradient, addingTo: &gradient)
        #expect(outputGradient.row(0) == [1, 2, 1, 2])
        #expect(outputGradient.row(2) == [1, 1, 1, 1])
        #expect(gradient.linear.bias == Matrix([[2, 2, 2, 2]]))
    }

    @Test func hiddenLayerIsATanhBetweenPoolingAndProjection() {
        let pooled = identityHead(.final)(outputs, sentences: sentences)
        let hidden = Linear(weight: Matrix([[1, 0, 0, 0], [0, 0.5, 0, 0], [0, 0, 0, -0.25]]), bias: Matrix([[0, 1, 0]]))
        let linear = Linear(weight: Matrix([[1, 1, 1], [2, 0, -1]]), bias: Matrix([[0.5, 0]]))
        let head = IntentHead(linear: linear, pooling: .final, hidden: hidden)
        #expect(head.inputSize == 4 && head.pooledSize == 4 && head.intentCount == 2)
        let logits = head(outputs, sentences: sentences)
        for b in 0..<2 {
            let p = pooled.row(b)
            let a = [tanh(p[0]), tanh(0.5 * p[1] + 1), tanh(-0.25 * p[3])]
            #expect(abs(logits[b, 0] - (a[0] + a[1] + a[2] + 0.5)) <= 1e-6)
            #expect(abs(logits[b, 1] - (2 * a[0] - a[2])) <= 1e-6)
        }
    }

    @Test func probabilitiesAreTheSoftmaxOfTheLogits() {
        var generator = SplitMix64(seed: 4)
        let head = IntentHead(inputSize: 4, intentCount: 3, pooling: .max, using: &generator)
        let probabilities = head.probabilities(outputs, sentences: sentences)
        let logits = head(outputs, sentences: sentences)
        #expect(probabilities.shape == [2, 3])
        for b in 0..<2 {
            #expect(abs(probabilities.row(b).reduce(0, +) - 1) <= 1e-6)
            let ratio = probabilities[b, 0] / probabilities[b, 1]
            #expect(abs(ratio - Float(exp(Double(logits[b, 0] - logits[b, 1])))) <= 1e-5 * ratio)
        }
    }

    @Test func parametersAndPoolingCoding() throws {
        var generator = SplitMix64(seed: 2)
        let head = IntentHead(inputSize: 8, intentCount: 3, pooling: .meanMax, using: &generator)
        #expect(head.namedParameters.map(\.name) == ["linear.weight", "linear.bias"])
        #expect(head.namedParameters.map(\.value.shape) == [[3, 16], [1, 3]])
        #expect(head.intentCount == 3)
        #expect(IntentPooling.allCases.map(\.rawValue) == ["final", "max", "meanMax", "finalMax"])
        let encoded = try JSONEncoder().encode([IntentPooling.meanMax, .final])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["meanMax","final"]"#)
        #expect(try JSONDecoder().decode([IntentPooling].self, from: encoded) == [.meanMax, .final])
    }
}
