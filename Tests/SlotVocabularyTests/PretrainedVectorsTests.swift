import Foundation
import Testing
import SlotMath
import SlotVocabulary

@Suite("PretrainedVectors")
struct PretrainedVectorsTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vectors-\(UUID().uuidString).txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("word2vec text with a header line")
    func word2vec() throws {
        let vectors = try PretrainedVectors(contentsOf: try Self.file("3 2\nboston 0.5 -1\nDenver 2 3e-1\nboston 9 9\n"))
        #expect(vectors.dimension == 2)
        #expect(vectors.vectors == ["boston": [0.5, -1], "Denver": [2, 0.3]])
    }

    @Test("GloVe text without a header; the dimension comes from the first line")
    func glove() throws {
        let vectors = try PretrainedVectors(contentsOf: try Self.file("to 1 2 3\n\nfrom 4 5 6\n"))
        #expect(vectors.dimension == 3)
        #expect(vectors.vectors["from"] == [4, 5, 6])
        #expect(vectors.vectors.count == 2)
    }

    @Test("malformed lines are errors naming file and line")
    func malformed() throws {
        let cases: [(String, Int, String)] = [
            ("a 1 2\nb 1\n", 2, "1 numbers where 2 were expected"),
            ("2 3\na 1 2 3\nb 1 x 3\n", 3, "'x' is not a number"),
            ("a 1 2\nlonely\n", 2, "a word without numbers"),
            ("4 2\na 1 2 3\n", 2, "3 numbers where 2 were expected"),
        ]
        for (text, line, detail) in cases {
            let path = try Self.file(text)
            #expect(throws: VocabularyError.malformedVector(file: path, line: line, detail: detail)) {
                try PretrainedVectors(contentsOf: path)
            }
        }
        #expect(VocabularyError.malformedVector(file: "v.txt", line: 3, detail: "'x' is not a number").description
            == "v.txt:3: 'x' is not a number; expected 'word v1 v2 …' (GloVe) or a word2vec text file")
        let empty = try Self.file("\n\n")
        #expect(throws: VocabularyError.emptyVectors(file: empty)) { try PretrainedVectors(contentsOf: empty) }
        #expect(throws: VocabularyError.cannotOpen(file: "/nonexistent/v.txt")) { try PretrainedVectors(contentsOf: "/nonexistent/v.txt") }
    }

    @Test("table() copies found vectors by normalised key, keeps padding zero, counts matches")
    func table() throws {
        let vectors = try PretrainedVectors(contentsOf: try Self.file("Boston 1 1\nboston 2 2\nDENVER 3 3\nparis 4 4\n"))
        let vocabulary = try Vocabulary(words: ["boston", "denver", "dallas"])
        var generator = SplitMix64(seed: 1)
        let (matrix, matched, total) = vectors.table(
            for: vocabulary, normalize: { $0.lowercased() }, bound: 0.1, using: &generator)
        #expect(matched == 2 && total == 3)
        #expect(matrix.rows == 5 && matrix.columns == 2)
        #expect(matrix.row(0) == [0, 0])
        #expect(matrix.row(2) == [2, 2])  // the exact-case "boston" wins over "Boston"
        #expect(matrix.row(3) == [3, 3])
        #expect(matrix.row(4).allSatisfy { abs($0) <= 0.1 })
        #expect(matrix.row(1).allSatisfy { abs($0) <= 0.1 })
    }
}
