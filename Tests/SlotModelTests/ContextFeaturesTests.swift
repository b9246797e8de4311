import Testing
import SlotLayers
import SlotMath
import SlotModel
import SlotText
import SlotTestSupport
import SlotVocabulary

@Suite("Context features: bigrams and soft words")
struct ContextFeaturesTests {
    @Test("soft words are each character's place in the ICU words of the joined text")
    func wordPositions() {
        // ICU 72 segments 我想从北京飞往上海 as 我想 | 从 | 北京 | 飞 | 往 | 上海.
        let characters = "我想从北京飞往上海".map(String.init)
        #expect(ContextFeaturizer.wordPositions(of: characters)
            == [.begin, .end, .single, .begin, .end, .single, .single, .begin, .end])
        // A token holding a whole word, a token cutting through one, and a three-character word.
        #expect(ContextFeaturizer.wordPositions(of: ["北京", "飞"]) == [.single, .single])
        #expect(ContextFeaturizer.wordPositions(of: ["北京飞", "往"]) == [.single, .single])
        #expect(ContextFeaturizer.wordPositions(of: ["h", "e", "l", "l", "o", "!"])
            == [.begin, .middle, .middle, .middle, .end, .single])
        #expect(ContextFeaturizer.wordPositions(of: []).isEmpty)
    }

    @Test("a sentence of n tokens has n + 1 bigrams from <s> to </s>")
    func bigramKeys() {
        #expect(ContextFeaturizer.bigramKeys(of: ["北", "京", "人"]) == ["<s> 北", "北 京", "京 人", "人 </s>"])
        #expect(ContextFeaturizer.bigramKeys(of: ["a"]) == ["<s> a", "a </s>"])
        #expect(ContextFeaturizer.bigramKeys(of: []).isEmpty)
    }

    @Test("the featurizer computes bigram and soft-word ids from the tokens' texts; unknown bigrams get the unknown id")
    func featurizer() throws {
        let bigrams = Vocabulary(counts: ["<s> 北": 2, "北 京": 3, "京 </s>": 1])
        let featurizer = Featurizer(
            normalizer: Normalizer(), words: Vocabulary(counts: [:]), characters: CharacterVocabulary(counts: [:]),
            labels: ["O"], intents: [], context: ContextFeaturizer(bigrams: bigrams, softwords: true))
        let encoded = featurizer.encode(tokens: ["北", "京", "人"])
        #expect(encoded.bigramIds == [bigrams.id(of: "<s> 北"), bigrams.id(of: "北 京"), Vocabulary.unknownID, Vocabulary.unknownID])
        #expect(encoded.softwordIds == ContextFeaturizer.wordPositions(of: ["北", "京", "人"]).map(\.rawValue))
        let plain = ToyModel.featurizer().encode(tokens: ["fares", "from", "boston"])
        #expect(plain.bigramIds.isEmpty && plain.softwordIds.isEmpty)
    }

    static func layer(_ context: Architecture.BigramContext) -> ContextFeatures {
        var architecture = Architecture()
        architecture.bigramDimension = 3
        architecture.bigramContext = context
        architecture.softwordDimension = 2
        var generator = SplitMix64(seed: 71)
        guard let layer = ContextFeatures(architecture: architecture, bigramCount: 6, using: &generator) else {
            preconditionFailure("the architecture asks for context features")
        }
        return layer
    }

    /// Two sentences, of 3 and 1 tokens, with a bigram read twice.
    static let batch: [EncodedSentence] = {
        var first = EncodedSentence(wordIds: [2, 3, 4], characterIds: [[2], [3], [4]])
        first.bigramIds = [2, 3, 5, 3]
        first.softwordIds = [1, 3, 4]
        var second = EncodedSentence(wordIds: [2], characterIds: [[2]])
        second.bigramIds = [1, 4]
        second.softwordIds = [4]
        return [first, second]
    }()

    @Test("lookups place each token's bigram and soft-word rows side by side", arguments: [Architecture.BigramContext.next, .both])
    func lookup(context: Architecture.BigramContext) throws {
        let layer = Self.layer(context)
        let output = layer(Self.batch)
        let bigrams = try #require(layer.bigrams), softwords = try #require(layer.softwords)
        #expect(output.rows == 4 && output.columns == (context == .both ? 8 : 5) && layer.outputSize == output.columns)
        let ending = [2, 3, 5, 1], starting = [3, 5, 3, 4], positions = [1, 3, 4, 4]
        for row in 0..<4 {
            let expected = (context == .both ? bigrams.table.row(ending[row]) : [])
                + bigrams.table.row(starting[row]) + softwords.table.row(positions[row])
            #expect(output.row(row) == expected)
        }
    }

    @Test("the tables' gradients match central differences", arguments: [Architecture.BigramContext.next, .both])
    func gradient(context: Architecture.BigramContext) {
        let layer = Self.layer(context)
        var generator = SplitMix64(seed: 72)
        let weights = Matrix.uniform(rows: 4, columns: layer.outputSize, bound: 1, using: &generator)
        func loss(_ layer: ContextFeatures) -> Double {
            let output = layer(Self.batch)
            return zip(output.scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let gradient = layer.backward(weights, batch: Self.batch)
        let report = GradientCheck().check(layer, analytic: gradient, loss: loss)
        #expect(report.passed, "\(report)")
        // Bigram 0 (padding) is never read, bigram 3 is read by two tokens.
        #expect(gradient.bigrams?.table.row(0) == [0, 0, 0])
        #expect(gradient.bigrams?.table.row(3).contains { $0 != 0 } == true)
    }

    @Test("an architecture without bigrams and soft words has no context layer and no context tensors")
    func absent() {
        var generator = SplitMix64(seed: 1)
        #expect(ContextFeatures(architecture: Architecture(), bigramCount: 10, using: &generator) == nil)
    }

    @Test("a whole network's loss gradient matches central differences with bigrams and soft words")
    func network() {
        var architecture = Architecture()
        architecture.wordDimension = 3
        architecture.characterDimension = 2
        architecture.characterHiddenSize = 2
        architecture.hiddenSize = 2
        architecture.bigramDimension = 2
        architecture.bigramContext = .both
        architecture.softwordDimension = 2
        var generator = SplitMix64(seed: 73)
        var network = TaggingNetwork(
            architecture: architecture, wordCount: 6, characterCount: 6, labelCount: 3, intentCount: 0,
            bigramCount: 6, using: &generator)
        network.crf = CRF(labelCount: 3, using: &generator)
        let names = network.namedParameters.map(\.name)
        #expect(names.contains("context.bigrams.table") && names.contains("context.softwords.table"))
        #expect(network.encoder[0].namedParameters.first { $0.name == "leftToRight.inputWeight" }?.value.columns == 3 + 4 + 4 + 2)
        var batch = Self.batch
        batch[0].labelIds = [1, 2, 0]
        batch[1].labelIds = [1]
        func loss(_ network: TaggingNetwork) -> Double {
            var generator = SplitMix64(seed: 0)
            return network.lossAndGradient(batch, dropout: 0, intentWeight: 0, using: &generator).loss
        }
        var lossGenerator = SplitMix64(seed: 0)
        let (_, gradient) = network.lossAndGradient(batch, dropout: 0, intentWeight: 0, using: &lossGenerator)
        let report = GradientCheck(samplesPerTensor: 24).check(network, analytic: gradient, loss: loss)
        #expect(report.passed, "\(report)")
    }
}
