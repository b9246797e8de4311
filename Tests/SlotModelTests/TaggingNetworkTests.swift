import Testing
import SlotLayers
import SlotMath
import SlotModel
import SlotTestSupport

@Suite("TaggingNetwork")
struct TaggingNetworkTests {
    static func network(
        output: Architecture.Output, intents: Int, cell: Architecture.Cell = .lstm, pooling: IntentPooling = .final,
        intentHiddenSize: Int = 0
    ) -> TaggingNetwork {
        var architecture = Architecture()
        architecture.wordDimension = 3
        architecture.characterDimension = 2
        architecture.characterHiddenSize = 2
        architecture.hiddenSize = 2
        architecture.layers = 2
        architecture.output = output
        architecture.intentPooling = pooling
        architecture.intentHiddenSize = intentHiddenSize
        architecture.cell = cell
        var generator = SplitMix64(seed: 61)
        var network = TaggingNetwork(
            architecture: architecture, wordCount: 7, characterCount: 6, labelCount: 3, intentCount: intents,
            using: &generator)
        if output == .crf { network.crf = CRF(labelCount: 3, using: &generator) }
        return network
    }

    /// Three sentences of lengths 3, 1 and 2 with a repeated word and a repeated character.
    static let batch = [
        EncodedSentence(wordIds: [2, 3, 2], characterIds: [[2, 3], [4], [2, 3, 5]], labelIds: [1, 2, 0], intentId: 1),
        EncodedSentence(wordIds: [4], characterIds: [[5, 5]], labelIds: [1], intentId: 0),
        EncodedSentence(wordIds: [1, 6], characterIds: [[1], [3, 2]], labelIds: [0, 0], intentId: 1),
    ]

    static func loss(_ network: TaggingNetwork) -> Double {
        var generator = SplitMix64(seed: 0)
        return network.lossAndGradient(batch, dropout: 0, intentWeight: 0.7, using: &generator).loss
    }

    @Test("full loss gradient matches central differences for every tensor",
          arguments: [(Architecture.Output.crf, Architecture.Cell.lstm), (.softmax, .lstm), (.crf, .gru), (.crf, .cifg)])
    func fullGradient(output: Architecture.Output, cell: Architecture.Cell) {
        let network = Self.network(output: output, intents: 2, cell: cell)
        var generator = SplitMix64(seed: 0)
        let (loss, gradient) = network.lossAndGradient(Self.batch, dropout: 0, intentWeight: 0.7, using: &generator)
        #expect(loss == Self.loss(network))
        let names = network.namedParameters.map(\.name)
        #expect(names.contains("words.table") && names.contains("characters.embedding.table"))
        #expect(names.contains("encoder.1.rightToLeft.recurrentWeight"))
        #expect(names.contains { $0.hasPrefix("intent.") })
        #expect(names.contains { $0.hasPrefix("crf.") } == (output == .crf))
        let report = GradientCheck(samplesPerTensor: 24).check(network, analytic: gradient, loss: Self.loss)
        #expect(report.passed, "\(report)")
        // Word 5 and character 0 are not in the batch: their rows get no gradient.
        #expect(gradient.words.table.row(5) == [0, 0, 0])
        let characterTable = gradient.characters?.namedParameters.first { $0.name == "embedding.table" }?.value
        #expect(characterTable?.row(0) == [0, 0])
    }

    /// Max pooling's kinks are too close together in a whole network for
    /// finite differences (IntentHeadTests checks it on separated values), so
    /// the whole-network check uses final-state pooling.
    @Test("full loss gradient also matches with an intent hidden layer, with and without label smoothing")
    func fullGradientWithIntentHiddenLayer() {
        let network = Self.network(output: .crf, intents: 2, pooling: .final, intentHiddenSize: 3)
        var generator = SplitMix64(seed: 0)
        let (_, gradient) = network.lossAndGradient(Self.batch, dropout: 0, intentWeight: 0.7, using: &generator)
        #expect(network.namedParameters.map(\.name).suffix(4)
            == ["intent.hidden.weight", "intent.hidden.bias", "intent.linear.weight", "intent.linear.bias"])
        #expect(network.intent?.hidden?.weight.shape == [3, 4])
        let report = GradientCheck(samplesPerTensor: 24).check(network, analytic: gradient, loss: Self.loss)
        #expect(report.passed, "\(report)")
        func smoothedLoss(_ network: TaggingNetwork) -> Double {
            var generator = SplitMix64(seed: 0)
            return network.lossAndGradient(
                Self.batch, dropout: 0, intentWeight: 0.7, intentSmoothing: 0.2, using: &generator).loss
        }
        var smoothingGenerator = SplitMix64(seed: 0)
        let smoothed = network.lossAndGradient(
            Self.batch, dropout: 0, intentWeight: 0.7, intentSmoothing: 0.2, using: &smoothingGenerator)
        #expect(smoothed.loss != Self.loss(network))
        let smoothedReport = GradientCheck(samplesPerTensor: 24).check(
            network, analytic: smoothed.gradient, loss: smoothedLoss)
        #expect(smoothedReport.passed, "\(smoothedReport)")
    }

    @Test("the loss is the slot loss plus the weighted intent loss")
    func intentWeight() {
        let network = Self.network(output: .crf, intents: 2)
        var generator = SplitMix64(seed: 0)
        let without = network.lossAndGradient(Self.batch, dropout: 0, intentWeight: 0, using: &generator).loss
        let one = network.lossAndGradient(Self.batch, dropout: 0, intentWeight: 1, using: &generator).loss
        let two = network.lossAndGradient(Self.batch, dropout: 0, intentWeight: 2, using: &generator).loss
        #expect(one > without)
        #expect(abs((two - without) - 2 * (one - without)) < 1e-9 * max(1, two))
    }

    @Test("without intents there is no intent head; predictions have one label per token")
    func predictions() {
        let network = Self.network(output: .crf, intents: 0)
        #expect(network.intent == nil)
        let labels = ["O", "B-x", "I-x"]
        let predictions = network.predict(Self.batch, constraints: TransitionConstraints(bioLabels: labels), confidences: true)
        #expect(predictions.map(\.labelIds.count) == [3, 1, 2])
        for prediction in predictions {
            #expect(BruteForceCRF.isValidBIO(prediction.labelIds, names: labels))
            #expect(prediction.confidences.count == prediction.labelIds.count)
            #expect(prediction.intentId == nil && prediction.intentProbabilities.isEmpty)
        }
        #expect(network.predict([], constraints: nil, confidences: false).isEmpty)
    }

    @Test("dropout changes the loss and is reproducible from the seed")
    func dropout() {
        let network = Self.network(output: .softmax, intents: 2)
        var first = SplitMix64(seed: 5), second = SplitMix64(seed: 5)
        let a = network.lossAndGradient(Self.batch, dropout: 0.5, intentWeight: 1, using: &first)
        let b = network.lossAndGradient(Self.batch, dropout: 0.5, intentWeight: 1, using: &second)
        #expect(a.loss == b.loss)
        #expect(a.gradient.namedParameters.map(\.value) == b.gradient.namedParameters.map(\.value))
        var plain = SplitMix64(seed: 5)
        #expect(network.lossAndGradient(Self.batch, dropout: 0, intentWeight: 1, using: &plain).loss != a.loss)
    }
}
