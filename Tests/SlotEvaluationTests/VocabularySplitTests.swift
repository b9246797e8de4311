import Foundation
import Testing
@testable import SlotEvaluation

@Suite("Vocabulary split: scores of in- and out-of-vocabulary chunks")
struct VocabularySplitTests {
    /// Four sentences over the vocabulary {from, to, boston, denver, new, york}, counted by hand:
    ///
    /// | sentence | gold chunks | predicted chunks | correct |
    /// |---|---|---|---|
    /// | from boston to denver | boston (in), denver (in) | the same | boston, denver (in) |
    /// | from boston to kansas city | boston (in), kansas city (out) | boston (in), kansas (out) | boston (in) |
    /// | to new york from lyon | new york (in), lyon (out) | new york (in), lyon as toloc (out) | new york (in) |
    /// | from denver to new jersey tomorrow | denver (in), new jersey (out) | new jersey (out), tomorrow (out) | new jersey (out) |
    ///
    /// In: 5 gold, 4 found, 4 correct. Out: 3 gold, 4 found, 1 correct. "new jersey" is out
    /// although "new" is known: one unknown token is enough.
    static let sentences: [(tokens: String, gold: String, predicted: String)] = [
        ("from boston to denver", "O B-fromloc O B-toloc", "O B-fromloc O B-toloc"),
        ("from boston to kansas city", "O B-fromloc O B-toloc I-toloc", "O B-fromloc O B-toloc O"),
        ("to new york from lyon", "O B-toloc I-toloc O B-fromloc", "O B-toloc I-toloc O B-toloc"),
        ("from denver to new jersey tomorrow", "O B-fromloc O B-toloc I-toloc O", "O O O B-toloc I-toloc B-date"),
    ]
    static let vocabulary: Set<String> = ["from", "to", "boston", "denver", "new", "york"]

    static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    static func handCountedSplit() -> VocabularySplit {
        VocabularySplit(
            tokens: sentences.map { words($0.tokens) }, gold: sentences.map { words($0.gold) },
            predicted: sentences.map { words($0.predicted) }, isKnown: vocabulary.contains)
    }

    @Test("Hand-counted case: gold, found and correct chunks of each class, and their scores")
    func handCounted() {
        let split = Self.handCountedSplit()
        let known = split.inVocabulary, unknown = split.outOfVocabulary
        #expect([known.support, known.found, known.correct] == [5, 4, 4] as [Int])
        #expect([unknown.support, unknown.found, unknown.correct] == [3, 4, 1] as [Int])
        #expect(known.recall == 80)
        #expect(known.precision == 100)
        #expect(abs(known.f1 - 800.0 / 9) < 1e-12)  // 2 × 100 × 80 / 180
        #expect(abs(unknown.recall - 100.0 / 3) < 1e-12)
        #expect(unknown.precision == 25)
        #expect(abs(unknown.f1 - 200.0 / 7) < 1e-12)  // 2 × (100/3) × 25 / (100/3 + 25)
        #expect(known.label == "in-vocabulary" && unknown.label == "out-of-vocabulary")
    }

    @Test("The report prints the two classes after the overall scores and writes them as JSON")
    func reportOutput() throws {
        let data = Self.sentences
        var report = try ChunkScorer.score(gold: data.map { Self.words($0.gold) }, predicted: data.map { Self.words($0.predicted) })
        report.vocabularySplit = Self.handCountedSplit()
        let lines = report.text().split(separator: "\n")
        #expect(lines[0] == "processed 20 tokens with 8 phrases; found: 8 phrases; correct: 5.")
        #expect(lines[2] == "in-vocabulary chunks: 5 gold, 4 found, 4 correct; precision: 100.00%; recall:  80.00%; FB1:  88.89")
        #expect(lines[3] == "out-of-vocabulary chunks: 3 gold, 4 found, 1 correct; precision:  25.00%; recall:  33.33%; FB1:  28.57")
        let json = report.jsonText()
        #expect(json.contains("""
              "vocabularySplit": {
                "inVocabulary": {"precision": 100, "recall": 80, "f1": 88.89, "support": 5, "found": 4, "correct": 4},
                "outOfVocabulary": {"precision": 25, "recall": 33.33, "f1": 28.57, "support": 3, "found": 4, "correct": 1}
              }
            """))
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(json.utf8))
        #expect(decoded.vocabularySplit?.outOfVocabulary.f1 == 28.57)
        #expect(decoded.vocabularySplit?.inVocabulary.support == 5)
        let encoded = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: encoded) == report)
    }

    @Test("A class without chunks scores 0, not NaN, in the text, the JSON text and Codable")
    func emptyClass() throws {
        let gold = [["O", "B-toloc"]], predicted = [["O", "B-toloc"]]
        var report = try ChunkScorer.score(gold: gold, predicted: predicted)
        report.vocabularySplit = VocabularySplit(tokens: [["to", "boston"]], gold: gold, predicted: predicted) { _ in true }
        let unknown = try #require(report.vocabularySplit?.outOfVocabulary)
        #expect([unknown.precision, unknown.recall, unknown.f1] == [0, 0, 0] as [Double])
        #expect(report.text().contains(
            "\nout-of-vocabulary chunks: 0 gold, 0 found, 0 correct; precision:   0.00%; recall:   0.00%; FB1:   0.00\n"))
        let json = report.jsonText()
        #expect(json.contains(#""outOfVocabulary": {"precision": 0, "recall": 0, "f1": 0, "support": 0, "found": 0, "correct": 0}"#))
        #expect(!json.lowercased().contains("nan"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        _ = try JSONEncoder().encode(report)  // throws on a non-finite number
        let nothing = VocabularySplit(tokens: [], gold: [], predicted: []) { _ in false }
        #expect([nothing.inVocabulary.f1, nothing.outOfVocabulary.f1] == [0, 0] as [Double])
    }

    @Test("Gold and predicted chunks of the two classes add up to conlleval's counts on the golden cases, whatever the tags",
          arguments: GoldenCountTests.cases.filter { $0.rules == .conlleval })
    func countsAddUp(_ example: GoldenCountTests.Golden) throws {
        let sentences = example.table.split(separator: " | ").map { sentence in
            sentence.split(separator: " ").map { $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init) }
        }
        let gold = sentences.map { $0.map { $0[0] } }, predicted = sentences.map { $0.map { $0[1] } }
        let (report, split) = try Self.scores(gold: gold, predicted: predicted)
        #expect(split.inVocabulary.support + split.outOfVocabulary.support == report.goldChunks)
        #expect(split.inVocabulary.found + split.outOfVocabulary.found == report.foundChunks)
    }

    @Test("Correct chunks add up too on labels with chunk types (BIO, IOB1, IOE, S-)", arguments: 1...200)
    func correctAddsUp(seed: UInt64) throws {
        // A linear congruential generator (Knuth's MMIX constants): the same labels on every run.
        var state = seed
        func pick(_ labels: [String]) -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return labels[Int(state >> 33) % labels.count]
        }
        let labels = ["O", "O", "B-X", "I-X", "E-X", "S-X", "B-Y", "I-Y"]
        let lengths = (0..<3).map { _ in Int(pick(["1", "2", "4", "6", "8"])) ?? 1 }
        let gold = lengths.map { length in (0..<length).map { _ in pick(labels) } }
        // Predictions mostly right, so that correct chunks are common.
        let predicted = gold.map { sentence in sentence.map { pick(["same", "same", "other"]) == "same" ? $0 : pick(labels) } }
        let (report, split) = try Self.scores(gold: gold, predicted: predicted)
        #expect(split.inVocabulary.support + split.outOfVocabulary.support == report.goldChunks)
        #expect(split.inVocabulary.found + split.outOfVocabulary.found == report.foundChunks)
        #expect(split.inVocabulary.correct + split.outOfVocabulary.correct == report.correctChunks, "\(gold) \(predicted)")
    }

    /// The scorer's report and the split of the same labels, with tokens named by position and
    /// every third one unknown, so that both classes have chunks.
    static func scores(gold: [[String]], predicted: [[String]]) throws -> (EvaluationReport, VocabularySplit) {
        let tokens = gold.map { $0.indices.map(String.init) }
        let split = VocabularySplit(tokens: tokens, gold: gold, predicted: predicted) { (Int($0) ?? 0) % 3 != 2 }
        return (try ChunkScorer.score(gold: gold, predicted: predicted), split)
    }
}
