import Foundation
import Testing
import SlotLayers
import SlotMath
import SlotModel
import SlotText

@Suite("Tagger: slot confidences and n-best lists against brute-force enumeration")
struct TaggerConfidenceTests {
    /// Every valid labelling of `text` with its exact probability, by
    /// enumerating all `L^T` label sequences.
    private static func enumerate(_ tagger: Tagger, _ text: String) -> [(labels: [String], probability: Double)] {
        let tokens = tagger.tokenizer.tokenize(text)
        let encoded = tagger.configuration.featurizer.encode(tokens: tokens.map(\.text))
        var generator = SplitMix64(seed: 0)
        let emissions = tagger.network.forward([encoded], dropout: 0, using: &generator).emissions
        let count = tagger.labels.count
        var logScores: [([Int], Double)] = []
        var sequence = [Int](repeating: 0, count: tokens.count)
        func visit(_ position: Int) {
            guard position < tokens.count else {
                let score: Double
                if let crf = tagger.network.crf {
                    score = CRFDecoder(crf, constraints: tagger.constraints).score(emissions: emissions, labels: sequence)
                } else {
                    let probabilities = SoftmaxOutput.probabilities(logits: emissions)
                    let valid = CRFDecoder(CRF(labelCount: count), constraints: tagger.constraints)
                        .score(emissions: Matrix(rows: tokens.count, columns: count), labels: sequence)
                    score = valid.isFinite
                        ? sequence.enumerated().reduce(0) { $0 + log(Double(probabilities[$1.offset, $1.element])) } : -.infinity
                }
                if score.isFinite { logScores.append((sequence, score)) }
                return
            }
            for label in 0..<count {
                sequence[position] = label
                visit(position + 1)
            }
        }
        visit(0)
        let top = logScores.map(\.1).max() ?? 0
        let total = logScores.reduce(0) { $0 + exp($1.1 - top) }
        return logScores.map { (labels: $0.0.map { tagger.labels[$0] }, probability: exp($0.1 - top) / total) }
    }

    /// Whether a labelling has exactly the chunk `type` over `span` (conlleval's rules for valid BIO).
    private static func hasChunk(_ labels: [String], type: String, span: Range<Int>) -> Bool {
        guard labels[span.lowerBound] == "B-\(type)" else { return false }
        guard labels[span.dropFirst()].allSatisfy({ $0 == "I-\(type)" }) else { return false }
        return span.upperBound == labels.count || labels[span.upperBound] != "I-\(type)"
    }

    @Test("A slot's confidence is the summed probability of every labelling that has exactly that chunk",
          arguments: [Architecture.Output.crf, .softmax], [UInt64(1), 2, 3, 4, 5])
    func slotConfidence(output: Architecture.Output, seed: UInt64) throws {
        let tagger = TestTaggers.small(output: output, seed: seed)
        for text in ["leave New York on", "from Beijing to November"] {
            let labellings = Self.enumerate(tagger, text)
            for alternative in tagger.nBest(text, k: 6) {
                for slot in alternative.slots {
                    let expected = labellings.filter { Self.hasChunk($0.labels, type: slot.label, span: slot.tokenIndices) }
                        .reduce(0) { $0 + $1.probability }
                    #expect(abs(Double(slot.confidence) - expected) < 1e-4, "\(text) \(slot.label) \(slot.tokenIndices)")
                }
            }
            let result = tagger.tag(text)
            for (index, token) in result.tokens.enumerated() {
                let expected = labellings.filter { $0.labels[index] == token.label }.reduce(0) { $0 + $1.probability }
                #expect(abs(Double(token.confidence) - expected) < 1e-4)
            }
        }
    }

    @Test("nBest lists the most probable labellings in order with their exact probabilities; the first is tag's",
          arguments: [Architecture.Output.crf, .softmax])
    func nBest(output: Architecture.Output) throws {
        let tagger = TestTaggers.small(output: output)
        let text = "leave Beijing on November"
        let sorted = Self.enumerate(tagger, text).sorted { $0.probability > $1.probability }
        let alternatives = tagger.nBest(text, k: 5)
        #expect(alternatives.count == 5)
        for (alternative, expected) in zip(alternatives, sorted) {
            #expect(abs(alternative.probability - expected.probability) < 1e-5)
        }
        #expect(alternatives.map(\.labels) == sorted.prefix(5).map(\.labels))
        #expect(alternatives[0].labels == tagger.tag(text).tokens.map(\.label))
        #expect(alternatives[0].slots == tagger.tag(text).slots)
        #expect(tagger.nBest("", k: 3) == [TaggingAlternative(probability: 1, tokens: [], slots: [])])
    }
}
