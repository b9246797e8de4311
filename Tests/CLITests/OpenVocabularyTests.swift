import Foundation
import SlotModel
import Testing

/// `trainer --embeddings --pretrained-words` end to end: the bundle keeps the
/// vectors of words the training data lacks, and tagging reads them.
@Suite("Open-vocabulary bundles")
struct OpenVocabularyTests {
    @Test("the trainer keeps the file's head and the training words; the bundle loads and tags words never seen in training")
    func trainAndTag() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let trainingWords = Set(try String(contentsOfFile: data.train, encoding: .utf8).split(separator: "\n")
            .compactMap { $0.split(separator: "\t").first.map(String.init) }.filter { !$0.hasPrefix("#") })
        #expect(!trainingWords.contains("reykjavik") && !trainingWords.contains("kathmandu"))
        // The file's head is two cities the subset lacks; then every training word; then one more city.
        var generator = SystemRandomNumberGenerator()
        let lines = (["reykjavik", "kathmandu"] + trainingWords.sorted() + ["lagos"]).map { word in
            word + " " + (0..<16).map { _ in String(format: "%.4f", Double.random(in: -1...1, using: &generator)) }.joined(separator: " ")
        }
        let vectors = try data.file("vectors.txt", lines.joined(separator: "\n") + "\n")
        let output = data.directory + "/model"
        let trained = try CLIRunner.run("trainer", ReliabilityTests.trainerArguments(data, output: output)
            + ["--embeddings", vectors, "--pretrained-words", "2", "--pretrained-dropout", "0.3"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/vectors.bin"))
        let card = try String(contentsOfFile: output + "/README.md", encoding: .utf8)
        #expect(card.contains("fixed pretrained vectors from `\(vectors)`: \(2 + trainingWords.count) words × 16 dimensions"), "\(card)")

        let tagger = try Tagger(contentsOf: output)
        let pretrained = try #require(tagger.configuration.featurizer.pretrained)
        #expect(pretrained.row(of: "reykjavik") != nil && pretrained.row(of: "kathmandu") != nil)
        #expect(pretrained.row(of: "lagos") == nil, "past --pretrained-words and not a training word")
        let encoded = tagger.configuration.featurizer.encode(tokens: ["Reykjavik", "lagos"])
        #expect(encoded.pretrainedRows == [pretrained.row(of: "reykjavik"), nil])

        let tagged = try CLIRunner.run("tagger", ["tag", "--model", output], input: Array("flights from reykjavik to kathmandu\n".utf8))
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(tagged.stdout.contains(#""text": "reykjavik", "start": 13, "end": 22"#), "\(tagged.stdout)")
    }

    @Test("--pretrained-input intent: vectors of any size, read by a second intent head only; without vectors it is refused")
    func intentOnly() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        // 7 values per word, unlike the word vectors' size: only vectors that initialise word vectors must match it.
        let lines = ["flights", "boston", "reykjavik"].enumerated().map { index, word in
            word + " " + (0..<7).map { String(format: "%.2f", Double(index * 7 + $0) / 20 - 0.5) }.joined(separator: " ")
        }
        let vectors = try data.file("vectors.txt", lines.joined(separator: "\n") + "\n")
        let output = data.directory + "/model"
        let trained = try CLIRunner.run("trainer", ReliabilityTests.trainerArguments(data, output: output)
            + ["--embeddings", vectors, "--pretrained-input", "intent"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let tagger = try Tagger(contentsOf: output)
        #expect(tagger.configuration.architecture.pretrainedInput == .intent)
        #expect(tagger.configuration.architecture.pretrainedDimension == 7)
        #expect(tagger.network.vectorIntent?.sentenceFeatureSize == 14)
        let card = try String(contentsOfFile: output + "/README.md", encoding: .utf8)
        #expect(card.contains("read only by a second intent head"), "\(card)")
        let tagged = try CLIRunner.run("tagger", ["tag", "--model", output], input: Array("flights from reykjavik to boston\n".utf8))
        #expect(tagged.status == 0 && tagged.stdout.contains(#""intent""#), "\(tagged.stderr)")

        let refused = try CLIRunner.run("trainer", ReliabilityTests.trainerArguments(data, output: data.directory + "/other")
            + ["--pretrained-input", "intent"])
        ReliabilityTests.expectFailure(refused, 64, "--pretrained-input")
        #expect(!FileManager.default.fileExists(atPath: data.directory + "/other"))
    }
}
