import Testing
import SlotCorpus
import SlotLayers
import SlotMath
import SlotModel
import SlotText
import SlotVocabulary

/// Taggers with seeded random weights: no training needed, deterministic, and
/// with random CRF transitions so that confidences are far from trivial.
enum TestTaggers {
    /// A tagger with 5 labels (`O`, `B-city`, `I-city`, `B-date`, `I-date`) and
    /// 3 intents over a small vocabulary: small enough to enumerate every
    /// labelling of a 4-token sentence.
    static func small(output: Architecture.Output = .crf, seed: UInt64 = 7) -> Tagger {
        var builder = VocabularyBuilder()
        for word in ["leave", "beijing", "on", "november", "2nd", "from", "to", "new", "york"] { builder.add(word) }
        var characters = VocabularyBuilder()
        for word in ["leave", "Beijing", "on", "November", "2nd", "from", "to", "New", "York"] { characters.add(word) }
        let featurizer = Featurizer(
            normalizer: Normalizer(), words: builder.makeVocabulary(), characters: characters.makeCharacterVocabulary(),
            labels: ["O", "B-city", "I-city", "B-date", "I-date"], intents: ["flight", "fare", "hotel"])
        var architecture = Architecture()
        architecture.wordDimension = 8
        architecture.characterDimension = 4
        architecture.characterHiddenSize = 4
        architecture.hiddenSize = 8
        architecture.output = output
        return tagger(featurizer: featurizer, architecture: architecture, seed: seed)
    }

    /// A tagger over the labels, intents and words of 200 ATIS training
    /// sentences, with random weights.
    static let atis: Tagger = {
        let path = repositoryRoot + "/corpora/atis/train.conll"
        let corpus: Corpus
        do {
            corpus = try Corpus(contentsOf: path)
        } catch {
            preconditionFailure("the ATIS corpus is part of the repository: \(error)")
        }
        let sentences = corpus.sentences.prefix(200)
        var words = VocabularyBuilder()
        for sentence in sentences { for token in sentence.tokens { words.add(Normalizer().normalize(token)) } }
        let labels = ["O"] + Set(sentences.flatMap(\.labels)).subtracting(["O"]).sorted()
        var characters = VocabularyBuilder()
        for token in sentences.flatMap(\.tokens) { characters.add(token) }
        let featurizer = Featurizer(
            normalizer: Normalizer(), words: words.makeVocabulary(), characters: characters.makeCharacterVocabulary(),
            labels: labels, intents: Set(sentences.compactMap(\.intent)).sorted())
        var architecture = Architecture()
        architecture.wordDimension = 16
        architecture.characterDimension = 8
        architecture.characterHiddenSize = 8
        architecture.hiddenSize = 16
        return tagger(featurizer: featurizer, architecture: architecture, seed: 3)
    }()

    /// The repository's root directory, from this file's path.
    static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    private static func tagger(featurizer: Featurizer, architecture: Architecture, seed: UInt64) -> Tagger {
        var generator = SplitMix64(seed: seed)
        var network = TaggingNetwork(
            architecture: architecture, wordCount: featurizer.words.count, characterCount: featurizer.characters.count,
            labelCount: featurizer.labels.count, intentCount: featurizer.intents.count, using: &generator)
        if network.crf != nil { network.crf = CRF(labelCount: featurizer.labels.count, using: &generator) }
        network.emissions.visitScaled(by: 8)
        return Tagger(
            configuration: ModelConfiguration(architecture: architecture, tokenizer: .words, featurizer: featurizer),
            network: network)
    }
}

extension Linear {
    /// Multiplies the weights by `factor`, so that random emissions are
    /// spread enough for decoding to give slots.
    fileprivate mutating func visitScaled(by factor: Float) {
        visitParameters { _, matrix in
            matrix = Matrix(rows: matrix.rows, columns: matrix.columns, scalars: matrix.scalars.map { $0 * factor })
        }
    }
}

@Suite("Tagger: results, offsets and the library API")
struct TaggerTests {
    @Test("A result's tokens are the tokenizer's, every slot is a BIO chunk with its exact text and offsets")
    func slotsAndOffsets() throws {
        let tagger = TestTaggers.atis
        let texts = [
            "I want to fly from Zürich to New York on Tuesday",
            "show me flights from 北京 to 上海 tomorrow 👍🏽 please",
            "  leading and trailing spaces  ",
            "café ☕️ to São Paulo, then e-mail me",
        ]
        var slotCount = 0
        for text in texts {
            let result = tagger.tag(text)
            #expect(result.text == text)
            #expect(result.tokens.map(\.token) == tagger.tokenizer.tokenize(text))
            let scalars = Array(text.unicodeScalars)
            for slot in result.slots {
                slotCount += 1
                #expect(String(String.UnicodeScalarView(scalars[slot.scalarOffsets])) == String(slot.text))
                #expect(String(text[slot.range]) == String(slot.text))
                #expect(Array(text.utf16)[slot.utf16Offsets].elementsEqual(slot.text.utf16))
                #expect(Array(text.utf8)[slot.utf8Offsets].elementsEqual(slot.text.utf8))
                let tokens = result.tokens(of: slot)
                #expect(tokens.first?.isBeginning == true || tokens.first?.isInside == true)
                #expect(tokens.dropFirst().allSatisfy { $0.isInside && $0.slotType.map(String.init) == slot.label })
                #expect(tokens.first?.token.range.lowerBound == slot.range.lowerBound)
                #expect(tokens.last?.token.range.upperBound == slot.range.upperBound)
                #expect(slot.confidence > 0 && slot.confidence <= 1)
            }
            #expect(result.intent.map { tagger.intents.contains($0.label) } == true)
        }
        #expect(slotCount > 0)
    }

    @Test("An empty or blank utterance gives no tokens, slots or intent")
    func empty() {
        for text in ["", "   ", "\u{200B}"] {
            let result = TestTaggers.atis.tag(text)
            #expect(result == TaggingResult(text: text, tokens: [], slots: [], intent: nil))
        }
    }

    /// What batching must not change: labels, slot spans and the intent
    /// (confidences may differ in the last bits, since batched matrix
    /// products sum in another order).
    private static func decisions(_ result: TaggingResult) -> [String] {
        result.tokens.map(\.label) + result.slots.map { "\($0.label)@\($0.scalarOffsets)" } + [result.intent?.label ?? "-"]
    }

    private static func confidencesAgree(_ first: [TaggingResult], _ second: [TaggingResult]) -> Bool {
        zip(first, second).allSatisfy { a, b in
            zip(a.tokens, b.tokens).allSatisfy { abs($0.confidence - $1.confidence) < 1e-4 }
                && zip(a.slots, b.slots).allSatisfy { abs($0.confidence - $1.confidence) < 1e-4 }
                && abs((a.intent?.confidence ?? 0) - (b.intent?.confidence ?? 0)) < 1e-4
        }
    }

    @Test("Batch tagging gives one-by-one tagging's labels, slots and intents, in input order, for any thread count")
    func batchEqualsSingle() {
        let tagger = TestTaggers.atis
        let texts = (0..<70).map { "flights from city\($0) to boston on day \($0 % 7)" } + ["", "denver"]
        let single = texts.map(tagger.tag)
        for threads in [1, 3] {
            let batched = tagger.tag(texts, threads: threads)
            #expect(batched.map(\.text) == texts)
            #expect(batched.map(Self.decisions) == single.map(Self.decisions))
            #expect(Self.confidencesAgree(batched, single))
        }
        let tokenized = texts.map { (text: $0, tokens: Tokenizer.splitAtSeparators($0)) }
        let pretokenized = tagger.tag(tokenized: tokenized, threads: 2)
        let pretokenizedSingle = texts.map { tagger.tag(tokens: Tokenizer.splitAtSeparators($0), in: $0) }
        #expect(pretokenized.map(Self.decisions) == pretokenizedSingle.map(Self.decisions))
        #expect(Self.confidencesAgree(pretokenized, pretokenizedSingle))
    }

    @Test("Labels agree with label(tokens:), the evaluator's path")
    func agreesWithLabel() {
        let tagger = TestTaggers.atis
        let texts = ["i want to fly from baltimore to dallas round trip", "what is the cheapest fare to denver"]
        let labelled = tagger.label(tokens: texts.map { tagger.tokenizer.tokenize($0).map { String($0.text) } })
        for (text, expected) in zip(texts, labelled) {
            let result = tagger.tag(text)
            #expect(result.tokens.map(\.label) == expected.labels)
            #expect(result.intent?.label == expected.intent)
        }
    }
}
