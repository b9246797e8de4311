import Foundation
import SlotCorpus
import Testing

@Suite("CoNLL round trips over the shipped corpora")
struct CoNLLRoundTripTests {
    @Test("The repository ships the ATIS, SNIPS and Chinese résumé splits, and the ATIS unseen-city test set")
    func filesPresent() {
        let names = TestFiles.corpusFiles().map { $0.split(separator: "/").suffix(2).joined(separator: "/") }
        #expect(names == [
            "atis-unseen-cities/test.conll",
            "atis/dev.conll", "atis/test.conll", "atis/train.conll",
            "resume-zh/dev.conll", "resume-zh/test.conll", "resume-zh/train.conll",
            "snips/dev.conll", "snips/test.conll", "snips/train.conll",
        ])
    }

    @Test("Reading then writing gives back the same bytes", arguments: TestFiles.corpusFiles())
    func roundTrip(path: String) throws {
        let corpus = try CoNLLReader().read(contentsOf: path)
        var written = ""
        let writer = CoNLLWriter()
        for sentence in corpus.sentences { written += try writer.format(sentence) }
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Data(written.utf8) == original)
        #expect(corpus.scheme == .bio)
        if path.hasSuffix("resume-zh/train.conll") {
            // Two sentences begin inside an organisation name (corpora/resume-zh/README.md).
            #expect(corpus.warnings.chunksStartingWithInside == 2)
        } else {
            #expect(corpus.warnings.isEmpty)
        }
        // The résumé corpus is named-entity data without intents.
        #expect(corpus.sentences.allSatisfy { $0.intent != nil } == !path.contains("resume-zh"))
    }

    @Test(
        "Sentence and token counts match the corpora's READMEs",
        arguments: [
            ("atis/train.conll", 4478, 50497), ("atis/dev.conll", 500, 5703), ("atis/test.conll", 893, 9164),
            ("atis-unseen-cities/test.conll", 150, 1231),
            ("snips/train.conll", 13084, 117_700), ("snips/dev.conll", 700, 6384), ("snips/test.conll", 700, 6354),
            ("resume-zh/train.conll", 3821, 124_099), ("resume-zh/dev.conll", 463, 13890), ("resume-zh/test.conll", 477, 15100),
        ]
    )
    func counts(file: String, sentences: Int, tokens: Int) throws {
        let corpus = try Corpus(contentsOf: TestFiles.root.appendingPathComponent("corpora/\(file)").path)
        #expect(corpus.format == .conll)
        #expect(corpus.sentences.count == sentences)
        #expect(corpus.sentences.reduce(0) { $0 + $1.tokens.count } == tokens)
    }

    @Test("Writing to a file through LineWriter gives the same bytes as formatting")
    func writeFile() throws {
        let path = TestFiles.root.appendingPathComponent("corpora/atis/dev.conll").path
        let corpus = try CoNLLReader().read(contentsOf: path)
        let output = try TestFiles.temporary([], name: "copy.conll")
        try CoNLLWriter().write(corpus.sentences, toFile: output)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
