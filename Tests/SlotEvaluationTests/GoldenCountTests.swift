import Testing
@testable import SlotEvaluation

/// Golden counts for random label sequences, produced by the Python port of
/// conlleval in PyPI's `conlleval` 0.2 package. That port changed conlleval.pl's
/// rules for `B`, `E` and `S` tags (it reads IOBES properly), so the cases use
/// only the labels on which both agree: B/I/O, plain tags, the empty type and
/// hyphenated types under `.conlleval`; B/I/E/S/O under `.iobes`, which is the
/// port's IOBES reading; and plain tags turned into `B-tag` for `.raw`.
@Suite("Golden counts from a reference conlleval")
struct GoldenCountTests {
    struct Golden: Sendable, CustomTestStringConvertible {
        var rules: ChunkScorer.TagRules
        /// `gold:predicted` per token, sentences separated by ` | `.
        var table: String
        var tokens: Int
        var correctTokens: Int
        /// Gold, found and correct chunks per type.
        var chunks: [String: [Int]]
        var testDescription: String { "\(rules): \(table)" }

        init(_ rules: ChunkScorer.TagRules, _ table: String, tokens: Int, correctTokens: Int, chunks: [String: [Int]]) {
            self.rules = rules
            self.table = table
            self.tokens = tokens
            self.correctTokens = correctTokens
            self.chunks = chunks
        }
    }

    static let cases: [Golden] = [
        Golden(.conlleval, "O:O I-Y:I-Y B-I-X:B-I-X O:O O:O I-fromloc.city_name:I-fromloc.city_name | B-X:B-X O:O | B-X:O B-I-X:B-I-X",
               tokens: 10, correctTokens: 9, chunks: ["I-X": [2, 2, 2], "X": [2, 1, 1], "Y": [1, 1, 1], "fromloc.city_name": [1, 1, 1]]),
        Golden(.conlleval, "O:O B-X:B-X O:O NOUN:NOUN I-fromloc.city_name:O O:O I-X:B-Y | NOUN:NOUN I-I-X:I-I-X | I-:I- B-I-X:B-I-X NOUN:NOUN I-Y:I-Y",
               tokens: 13, correctTokens: 11, chunks: ["": [2, 2, 2], "I-X": [2, 2, 2], "X": [2, 1, 1], "Y": [1, 2, 1], "fromloc.city_name": [1, 0, 0]]),
        Golden(.conlleval, "I-I-X:I-I-X B-fromloc.city_name:B-fromloc.city_name B-X:B-X | I-I-X:I-I-X I-:I- I-X:I-X VERB:I-Y O:O O:B-fromloc.city_name | B-Y:O I-I-X:I-X B-Y:B-Y VERB:O I-:I-X VERB:B-I-X",
               tokens: 15, correctTokens: 8, chunks: ["": [3, 1, 1], "I-X": [3, 3, 2], "X": [2, 4, 2], "Y": [2, 2, 1], "fromloc.city_name": [1, 2, 1]]),
        Golden(.conlleval, "I-X:I-X I-I-X:I- I-Y:I-Y .:O B-I-X:I-Y B-Y:B-Y O:O I-:I- | NOUN:NOUN I-X:B-Y .:I-Y O:O I-fromloc.city_name:I-fromloc.city_name I-Y:I-Y I-fromloc.city_name:O | I-fromloc.city_name:I-fromloc.city_name VERB:B-Y O:I-I-X I-X:VERB I-X:I-I-X O:O O:B-fromloc.city_name I-Y:B-I-X",
               tokens: 23, correctTokens: 11, chunks: ["": [2, 3, 1], "I-X": [2, 3, 0], "X": [3, 1, 1], "Y": [4, 6, 3], "fromloc.city_name": [3, 3, 2]]),
        Golden(.conlleval, "I-Y:I-Y I-Y:I-Y I-Y:I-Y O:O I-:I- B-I-X:B-I-X I-Y:I-Y | NOUN:O O:VERB B-Y:B-Y | B-Y:B-Y VERB:VERB B-Y:I- I-:I- O:O",
               tokens: 15, correctTokens: 12, chunks: ["": [3, 2, 1], "I-X": [1, 1, 1], "Y": [5, 4, 4]]),
        Golden(.conlleval, "I-I-X:I- B-Y:O | B-X:NOUN | O:O I-I-X:I-fromloc.city_name NOUN:NOUN .:NOUN O:O B-fromloc.city_name:B-fromloc.city_name",
               tokens: 9, correctTokens: 4, chunks: ["": [1, 2, 0], "I-X": [2, 0, 0], "X": [1, 0, 0], "Y": [1, 0, 0], "fromloc.city_name": [1, 2, 1]]),
        Golden(.conlleval, "NOUN:NOUN NOUN:NOUN B-fromloc.city_name:B-fromloc.city_name NOUN:B-fromloc.city_name | I-fromloc.city_name:I-fromloc.city_name I-Y:I-Y I-I-X:I-I-X B-fromloc.city_name:B-fromloc.city_name | B-fromloc.city_name:B-fromloc.city_name",
               tokens: 9, correctTokens: 8, chunks: ["": [1, 0, 0], "I-X": [1, 1, 1], "Y": [1, 1, 1], "fromloc.city_name": [4, 5, 4]]),
        Golden(.conlleval, "B-X:I-I-X I-I-X:B-Y VERB:VERB B-Y:B-Y I-:I- | B-X:B-X I-:B-Y VERB:O .:O VERB:B-fromloc.city_name I-fromloc.city_name:B-X | .:I-I-X O:O I-Y:I-Y B-fromloc.city_name:I-I-X B-I-X:B-I-X B-Y:O O:O B-fromloc.city_name:B-fromloc.city_name",
               tokens: 19, correctTokens: 9, chunks: ["": [3, 2, 2], "I-X": [2, 4, 1], "X": [2, 2, 1], "Y": [3, 4, 2], "fromloc.city_name": [3, 2, 1]]),
        Golden(.iobes, "S-Y:S-X S-Y:S-Y I-Y:I-Y | O:O | B-Y:B-Y I-X:I-X I-X:I-X",
               tokens: 7, correctTokens: 6, chunks: ["X": [1, 2, 1], "Y": [4, 3, 3]]),
        Golden(.iobes, "E-X:S-Y E-Y:E-Y B-Y:B-Y B-X:E-Y O:O S-X:S-X | I-Y:S-Y | B-X:B-X",
               tokens: 8, correctTokens: 5, chunks: ["X": [4, 2, 2], "Y": [3, 4, 2]]),
        Golden(.iobes, "S-Y:S-Y O:E-Y E-Y:E-Y O:O S-X:S-X E-Y:E-Y E-Y:E-Y E-Y:E-Y | I-Y:E-Y S-X:I-X | I-Y:E-Y E-Y:E-X E-Y:I-X I-Y:B-X E-Y:E-Y",
               tokens: 15, correctTokens: 8, chunks: ["X": [2, 5, 2], "Y": [9, 9, 6]]),
        Golden(.iobes, "I-Y:O S-X:B-X O:S-X I-X:I-X B-Y:I-Y O:O I-X:B-Y | B-X:B-X I-X:I-X B-X:O B-Y:B-Y E-Y:E-Y B-Y:B-Y S-X:S-X B-Y:E-Y | O:O I-X:I-X",
               tokens: 17, correctTokens: 10, chunks: ["X": [7, 6, 5], "Y": [5, 5, 4]]),
        Golden(.iobes, "O:E-X B-X:B-X E-X:E-X B-X:B-X B-Y:B-Y | O:O E-X:E-X O:O B-X:B-X B-Y:I-X O:O | I-Y:I-Y O:O",
               tokens: 13, correctTokens: 11, chunks: ["X": [4, 5, 3], "Y": [3, 2, 2]]),
        Golden(.iobes, "S-Y:B-X B-X:B-X O:O E-Y:E-X I-X:I-X | E-X:E-X I-Y:E-X E-Y:E-Y B-X:B-X | E-Y:E-Y I-Y:B-Y I-X:E-Y I-Y:B-Y",
               tokens: 13, correctTokens: 7, chunks: ["X": [5, 7, 4], "Y": [6, 4, 2]]),
        Golden(.iobes, "I-X:I-X I-X:I-X S-X:S-X I-X:I-X B-X:B-X | B-Y:E-X B-X:B-X O:O O:O B-Y:B-Y | O:E-X E-X:E-X S-X:S-X S-X:S-X E-Y:E-Y S-X:S-X I-X:I-X O:O",
               tokens: 18, correctTokens: 16, chunks: ["X": [10, 12, 10], "Y": [3, 2, 2]]),
        Golden(.iobes, "O:O | B-X:B-X B-Y:B-Y | E-X:B-X I-X:S-Y O:O S-Y:S-Y E-Y:B-X",
               tokens: 8, correctTokens: 5, chunks: ["X": [3, 3, 2], "Y": [3, 3, 2]]),
        Golden(.raw, "ADJ:ADJ B-X:ADJ ADJ:ADJ O:B-X O:O | ADJ:ADJ | O:O O:O O:O O:O",
               tokens: 10, correctTokens: 8, chunks: ["ADJ": [3, 4, 3], "B-X": [1, 1, 0]]),
        Golden(.raw, "ADJ:ADJ | VERB:ADJ NOUN:B-X O:O VERB:VERB | NOUN:VERB O:O NOUN:NOUN O:O ADJ:O O:ADJ O:O ADJ:ADJ",
               tokens: 13, correctTokens: 8, chunks: ["ADJ": [3, 4, 2], "B-X": [0, 1, 0], "NOUN": [3, 1, 1], "VERB": [2, 2, 1]]),
        Golden(.raw, "NOUN:NOUN ADJ:ADJ ADJ:ADJ ADJ:ADJ NOUN:ADJ B-X:B-X | NOUN:B-X ADJ:ADJ B-X:VERB NOUN:NOUN VERB:VERB VERB:VERB VERB:VERB O:O | O:NOUN B-X:O O:ADJ O:O",
               tokens: 18, correctTokens: 12, chunks: ["ADJ": [4, 6, 4], "B-X": [3, 2, 1], "NOUN": [4, 3, 2], "VERB": [3, 4, 3]]),
        Golden(.raw, "ADJ:ADJ NOUN:VERB | O:O O:O O:O VERB:VERB ADJ:O VERB:VERB VERB:VERB | O:O O:O ADJ:B-X O:O ADJ:NOUN NOUN:NOUN NOUN:NOUN",
               tokens: 16, correctTokens: 12, chunks: ["ADJ": [4, 1, 1], "B-X": [0, 1, 0], "NOUN": [3, 3, 2], "VERB": [3, 4, 3]]),
        Golden(.raw, "ADJ:ADJ O:O O:O NOUN:O VERB:ADJ | B-X:B-X B-X:O O:NOUN ADJ:ADJ O:B-X O:O ADJ:ADJ | NOUN:NOUN NOUN:NOUN NOUN:NOUN ADJ:O ADJ:ADJ ADJ:ADJ",
               tokens: 18, correctTokens: 12, chunks: ["ADJ": [6, 6, 5], "B-X": [2, 2, 1], "NOUN": [4, 4, 3], "VERB": [1, 0, 0]]),
        Golden(.raw, "B-X:B-X VERB:VERB B-X:VERB O:O | O:O O:O O:O NOUN:O | ADJ:VERB",
               tokens: 9, correctTokens: 6, chunks: ["ADJ": [1, 0, 0], "B-X": [2, 1, 1], "NOUN": [1, 0, 0], "VERB": [1, 3, 1]]),
        Golden(.raw, "ADJ:ADJ B-X:B-X O:O VERB:B-X NOUN:O NOUN:NOUN O:VERB | ADJ:ADJ VERB:VERB VERB:VERB NOUN:NOUN O:O O:B-X O:VERB | O:O O:ADJ O:VERB O:O",
               tokens: 18, correctTokens: 11, chunks: ["ADJ": [2, 3, 2], "B-X": [1, 3, 1], "NOUN": [3, 2, 2], "VERB": [3, 5, 2]]),
        Golden(.raw, "O:O | ADJ:O | B-X:B-X ADJ:ADJ VERB:O ADJ:ADJ O:O",
               tokens: 7, correctTokens: 5, chunks: ["ADJ": [3, 2, 2], "B-X": [1, 1, 1], "VERB": [1, 0, 0]]),
    ]

    @Test("Chunk and token counts match the reference", arguments: cases)
    func golden(_ example: Golden) throws {
        let sentences = example.table.split(separator: " | ").map { sentence in
            sentence.split(separator: " ").map { token in
                let parts = token.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                return (gold: parts[0], predicted: parts[1])
            }
        }
        let report = try ChunkScorer.score(
            gold: sentences.map { $0.map(\.gold) }, predicted: sentences.map { $0.map(\.predicted) }, rules: example.rules
        )
        let chunks = Dictionary(uniqueKeysWithValues: report.labels.map { ($0.label, [$0.support, $0.found, $0.correct]) })
        #expect(chunks == example.chunks)
        #expect(report.tokens == example.tokens)
        #expect(report.correctTokens == example.correctTokens)
    }
}
