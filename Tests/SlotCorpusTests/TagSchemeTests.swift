import SlotCorpus
import Testing

@Suite("Tag schemes: conversion to BIO and detection")
struct TagSchemeTests {
    @Test("IOB1 becomes BIO: I- starting a chunk turns into B-, touching chunks keep their B-")
    func iob1() {
        let converted = TagScheme.iob1.convertToBIO(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC", "I-ORG", "NOUN", "I-ORG"])
        #expect(converted == ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "B-ORG", "NOUN", "B-ORG"])
    }

    @Test("BIOES becomes BIO: S- to B-, E- to I-")
    func bioes() {
        let converted = TagScheme.bioes.convertToBIO(["S-PER", "O", "B-LOC", "I-LOC", "E-LOC", "B-ORG", "E-ORG", "O"])
        #expect(converted == ["B-PER", "O", "B-LOC", "I-LOC", "I-LOC", "B-ORG", "I-ORG", "O"])
    }

    @Test("BIO is left as it is")
    func bio() {
        #expect(TagScheme.bio.convertToBIO(["I-x", "B-y", "O"]) == ["I-x", "B-y", "O"])
    }

    @Test(
        "Detection: E-/S- mean BIOES, I- starts with B- only between touching chunks mean IOB1, else BIO",
        arguments: [
            ([["B-x", "E-x"], ["O"]], TagScheme.bioes),
            ([["S-x"]], .bioes),
            ([["I-x", "I-x", "B-x"], ["O", "I-y"]], .iob1),
            ([["B-x", "I-x"], ["O", "B-y"]], .bio),
            ([["I-x", "O", "B-y"]], .bio),
            ([["NOUN", "VERB"]], .bio),
            ([[String]](), .bio),
        ]
    )
    func detect(sentences: [[String]], expected: TagScheme) {
        #expect(TagScheme.detect(in: sentences) == expected)
    }

    @Test("The reader detects IOB1 and BIOES files and converts them")
    func readerConverts() throws {
        let iob1 = try TestFiles.conll("EU I-ORG\nrejects O\nGerman I-MISC\n\nPeter I-PER\nBlackburn I-PER\n")
        #expect(iob1.scheme == .iob1)
        #expect(iob1.sentences.map(\.labels) == [["B-ORG", "O", "B-MISC"], ["B-PER", "I-PER"]])
        #expect(iob1.warnings.isEmpty)
        let bioes = try TestFiles.conll("to\tO\nNew\tB-city\nYork\tE-city\nnow\tS-time\n")
        #expect(bioes.scheme == .bioes)
        #expect(bioes.sentences.first?.labels == ["O", "B-city", "I-city", "B-time"])
    }

    @Test("A given scheme overrides detection")
    func explicitScheme() throws {
        let corpus = try TestFiles.conll("a\tI-x\nb\tI-x\n", scheme: .bio)
        #expect(corpus.scheme == .bio)
        #expect(corpus.sentences.first?.labels == ["I-x", "I-x"])
        #expect(corpus.warnings.chunksStartingWithInside == 1)
    }

    @Test("I- tags that start chunks in BIO are counted in the warning summary, with sentence lines")
    func warnings() throws {
        var text = "a\tB-x\nb\tI-x\n\n"
        for _ in 0..<7 { text += "c\tO\nd\tI-y\ne\tI-z\n\n" }
        let corpus = try TestFiles.conll(text)
        #expect(corpus.scheme == .bio)
        #expect(corpus.warnings.chunksStartingWithInside == 14)
        #expect(corpus.warnings.sentencesWithInsideStarts == 7)
        #expect(corpus.warnings.exampleLines == [4, 8, 12, 16, 20])
        #expect(corpus.warnings.description
            == "t.conll: 14 chunks start with I- (sentences at lines 4, 8, 12, 16, 20, ...); read as chunk starts, as conlleval does")
    }
}
