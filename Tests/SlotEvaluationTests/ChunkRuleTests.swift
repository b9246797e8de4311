import Testing
@testable import SlotEvaluation

/// Hand-counted cases for each of conlleval's chunk rules.
@Suite("Chunk rules")
struct ChunkRuleTests {
    /// (support, found, correct) of every chunk type in a report.
    func counts(_ report: EvaluationReport) -> [String: [Int]] {
        Dictionary(uniqueKeysWithValues: report.labels.map { ($0.label, [$0.support, $0.found, $0.correct]) })
    }

    @Test("Labels split at the first hyphen; the rest, hyphens included, is the type")
    func splitting() {
        #expect(ChunkTag(label: "B-fromloc.city_name") == ChunkTag(tag: "B", type: "fromloc.city_name"))
        #expect(ChunkTag(label: "B-I-PER") == ChunkTag(tag: "B", type: "I-PER"))
        #expect(ChunkTag(label: "O") == .outside)
        #expect(ChunkTag(label: "NOUN") == ChunkTag(tag: "NOUN", type: ""))
        #expect(ChunkTag(label: "I-") == ChunkTag(tag: "I", type: ""))
    }

    @Test("I- at the start of a sentence starts a chunk, also right after a chunk of its type")
    func insideAtSentenceStart() throws {
        let report = try ChunkScorer.score(gold: [["B-X", "I-X"], ["I-X", "O"]], predicted: [["B-X", "I-X"], ["I-X", "O"]])
        #expect(counts(report) == ["X": [2, 2, 2]])
    }

    @Test("B-X followed by I-Y is two chunks")
    func typeChangeAfterBegin() throws {
        let report = try scoreTable("a B-X B-X / b I-Y I-X")
        #expect(counts(report) == ["X": [1, 1, 0], "Y": [1, 0, 0]])
        #expect(report.tokenAccuracy == 50)
    }

    @Test("B-X B-X is two adjacent chunks; B-X I-X is one")
    func adjacentChunksOfOneType() throws {
        let report = try scoreTable("a B-X B-X / b B-X I-X / c O O")
        #expect(counts(report) == ["X": [2, 1, 0]])
        #expect((report.precision, report.recall, report.f1) == (0, 0, 0))
    }

    @Test("A chunk that ends a sentence, or the data, is closed and counted")
    func chunkAtTheEnd() throws {
        var scorer = ChunkScorer()
        try scorer.add(gold: ["O", "B-X"], predicted: ["O", "B-X"])
        #expect(counts(scorer.report) == ["X": [1, 1, 1]])
        try scorer.add(gold: ["I-X"], predicted: ["B-X"])
        #expect(counts(scorer.report) == ["X": [2, 2, 2]])
        #expect(scorer.report.tokenAccuracy == 100 * 2 / 3.0)
    }

    @Test("A chunk still matching at the end of the input counts once, however often the report is read")
    func matchingChunkAtEndOfInput() throws {
        // Plain tags carry the empty type and never end: conlleval counts the
        // chunk that B-X → NOUN opened only at the end of its input.
        var scorer = ChunkScorer()
        try scorer.add(gold: ["B-X", "NOUN", "NOUN"], predicted: ["B-X", "NOUN", "NOUN"])
        #expect(counts(scorer.report) == ["X": [1, 1, 1], "": [1, 1, 1]])
        #expect(counts(scorer.report) == ["X": [1, 1, 1], "": [1, 1, 1]])
        try scorer.add(gold: ["O"], predicted: ["O"])
        #expect(counts(scorer.report) == ["X": [1, 1, 1], "": [1, 1, 1]])
        #expect(scorer.report.tokens == 4)
    }

    @Test("Plain tags make no chunks under conlleval's rules; only token accuracy counts")
    func plainTags() throws {
        let report = try scoreTable("a NOUN NOUN / b VERB NOUN / c NOUN NOUN")
        #expect(report.labels.isEmpty)
        #expect((report.goldChunks, report.foundChunks, report.correctChunks) == (0, 0, 0))
        #expect(FixedPoint.format(report.tokenAccuracy, fractionDigits: 2) == "66.67")
        #expect(report.confusions == [LabelConfusion(gold: "VERB", predicted: "NOUN", count: 1)])
    }

    @Test("Raw rules score each plain tag as a one-token chunk, like conlleval -r")
    func rawTags() throws {
        let report = try scoreTable("a NOUN NOUN / b VERB NOUN / c NOUN NOUN / d O O", rules: .raw)
        #expect(counts(report) == ["NOUN": [2, 3, 2], "VERB": [1, 0, 0]])
        let noun = try #require(report.score(for: "NOUN"))
        #expect(FixedPoint.format(noun.precision, fractionDigits: 2) == "66.67")
        #expect(noun.recall == 100)
        #expect(noun.f1 == 80)
        #expect(FixedPoint.format(report.tokenAccuracy, fractionDigits: 2) == "75.00")
    }

    @Test("IOE tags: E ends its chunk, so I after E starts the next one")
    func ioeTags() throws {
        let report = try scoreTable("a I-NP I-NP / b E-NP I-NP / c I-NP I-NP / d O O")
        // Gold: [a b] [c]; predicted: [a b c].
        #expect(counts(report) == ["NP": [2, 1, 0]])
    }

    @Test("IOBES under conlleval's rules: S and B after E start nothing, as conlleval.pl counts")
    func iobesUnderConllevalRules() throws {
        let report = try scoreTable("a B-LOC B-LOC / b E-LOC E-LOC / c B-LOC S-LOC / d E-LOC S-LOC")
        // conlleval.pl sees one chunk a–d in both columns.
        #expect(counts(report) == ["LOC": [1, 1, 1]])
        #expect(report.tokenAccuracy == 50)
        let singles = try scoreTable("a S-LOC S-LOC / b S-LOC S-LOC")
        #expect(counts(singles) == ["LOC": [1, 1, 1]])
    }

    @Test("IOBES rules: S is a one-token chunk and E closes its chunk")
    func iobesRules() throws {
        let report = try scoreTable("a B-LOC B-LOC / b E-LOC E-LOC / c B-LOC S-LOC / d E-LOC S-LOC", rules: .iobes)
        // Gold: [a b] [c d]; predicted: [a b] [c] [d].
        #expect(counts(report) == ["LOC": [2, 3, 1]])
        let singles = try scoreTable("a S-LOC S-LOC / b S-LOC S-LOC / c E-PER E-PER / d E-PER I-PER", rules: .iobes)
        #expect(counts(singles) == ["LOC": [2, 2, 2], "PER": [2, 2, 2]])
        let bio = try scoreTable("a B-X B-X / b I-X B-X / c I-X I-X", rules: .iobes)
        #expect(counts(bio) == counts(try scoreTable("a B-X B-X / b I-X B-X / c I-X I-X")))
    }

    @Test("Bracket tags are one-token chunks")
    func bracketTags() throws {
        let report = try scoreTable("a [-NP [-NP / b ]-NP I-NP / c O O")
        // Gold: [a] [b]. Predicted: [a] only: I after [ ends the bracket chunk but starts
        // none, as neither the tag nor the type calls for a start.
        #expect(counts(report) == ["NP": [2, 1, 1]])
    }

    @Test("Per-label scores and their order: most gold chunks first, then by name")
    func perLabelScores() throws {
        let report = try scoreTable(
            "a B-city B-city / b O O / c B-date B-city / d B-time B-time / e I-time O / "
                + "f B-city B-city / g B-airline O / h O B-class"
        )
        #expect(report.labels.map(\.label) == ["city", "airline", "date", "time", "class"])
        let city = try #require(report.score(for: "city"))
        #expect((city.support, city.found, city.correct) == (2, 3, 2))
        #expect(FixedPoint.format(city.precision, fractionDigits: 2) == "66.67")
        #expect(city.recall == 100)
        #expect(city.f1 == 80)
        #expect((city.missed, city.spurious) == (0, 1))
        let time = try #require(report.score(for: "time"))
        #expect((time.support, time.found, time.correct, time.precision, time.recall, time.f1) == (1, 1, 0, 0, 0, 0))
        let classScore = try #require(report.score(for: "class"))
        #expect((classScore.support, classScore.found, classScore.missed, classScore.spurious) == (0, 1, 0, 1))
        #expect(report.score(for: "B-city") == nil)
        #expect((report.goldChunks, report.foundChunks, report.correctChunks) == (5, 5, 2))
        #expect(report.precision == 40)
        #expect(report.recall == 40)
        #expect(report.f1 == 40)
    }

    @Test("Token errors are tallied by gold and predicted label, most frequent first")
    func tokenConfusions() throws {
        let report = try ChunkScorer.score(
            gold: [["B-to", "O", "B-from"], ["B-to", "I-to", "O"], ["B-to"]],
            predicted: [["B-from", "O", "B-to"], ["B-from", "I-from", "B-x"], ["B-from"]]
        )
        #expect(report.confusions == [
            LabelConfusion(gold: "B-to", predicted: "B-from", count: 3),
            LabelConfusion(gold: "B-from", predicted: "B-to", count: 1),
            LabelConfusion(gold: "I-to", predicted: "I-from", count: 1),
            LabelConfusion(gold: "O", predicted: "B-x", count: 1),
        ])
        #expect(report.tokens - report.correctTokens == report.confusions.reduce(0) { $0 + $1.count })
    }

    @Test("Intent accuracy counts sentences with a gold intent; a missing prediction is an error")
    func intents() throws {
        var scorer = ChunkScorer()
        try scorer.add(gold: ["O"], predicted: ["O"], goldIntent: "flight", predictedIntent: "flight")
        try scorer.add(gold: ["O"], predicted: ["O"], goldIntent: "airfare", predictedIntent: "flight")
        try scorer.add(gold: ["O"], predicted: ["O"], goldIntent: "airfare", predictedIntent: nil)
        try scorer.add(gold: ["O"], predicted: ["O"], goldIntent: "airfare", predictedIntent: "flight")
        try scorer.add(gold: ["O"], predicted: ["O"], goldIntent: nil, predictedIntent: "flight")
        let report = scorer.report
        #expect(report.intentAccuracy == 25)
        #expect((report.sentences, report.intentSentences, report.correctIntents) == (5, 4, 1))
        #expect(report.intentConfusions == [
            LabelConfusion(gold: "airfare", predicted: "flight", count: 2),
            LabelConfusion(gold: "airfare", predicted: "", count: 1),
        ])
        let noIntents = try ChunkScorer.score(gold: [["O"]], predicted: [["O"]])
        #expect(noIntents.intentAccuracy == nil)
    }

    @Test("An empty scorer reports zeros, not division errors")
    func empty() {
        let report = ChunkScorer().report
        #expect((report.precision, report.recall, report.f1, report.tokenAccuracy) == (0, 0, 0, 0))
        #expect(report.intentAccuracy == nil)
        #expect(report.labels.isEmpty)
        #expect(report.text() == "processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n")
    }
}
