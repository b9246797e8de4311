import Foundation
import SlotMath
import Testing
@testable import SlotVocabulary

@Suite("PretrainedVectors")
struct PretrainedVectorsTests {
    @Test func word2vecText() throws {
        let file = try TemporaryFile(contents: "3 2\nthe 0.5 -1.25 \nBoston 1e-2 2\r\nto -0 3.5E1\n")
        let vectors = try PretrainedVectors(contentsOf: file.path)
        #expect(vectors.words == ["the", "Boston", "to"])
        #expect(vectors.dimension == 2 && vectors.count == 3)
        #expect(vectors.vectors.scalars == [0.5, -1.25, 0.01, 2, 0, 35])
        #expect(vectors.vector(at: 1) == [0.01, 2])
    }

    @Test func gloveText() throws {
        let file = try TemporaryFile(contents: "the 0.418 0.24968 -0.41242\n\n,\t0.013441 0.23682 -0.16899\n北京 1 2 3")
        let vectors = try PretrainedVectors(contentsOf: file.path, format: .glove)
        #expect(vectors.words == ["the", ",", "北京"])
        #expect(vectors.dimension == 3)
        #expect(vectors.vectors.scalars == [0.418, 0.24968, -0.41242, 0.013441, 0.23682, -0.16899, 1, 2, 3])
        let detected = try PretrainedVectors(contentsOf: file.path)
        #expect(detected == vectors)
    }

    @Test func numbersMatchTheStandardParser() throws {
        let texts = ["0.1", "-0.33333334", "123456.789", "1e-30", "-2.5e+3", "3.4e38", "0.000001234", "7",
                     "0.12345678901234567890", "nan"]
        let line = "w " + texts.joined(separator: " ")
        let file = try TemporaryFile(contents: line.replacingOccurrences(of: " nan", with: ""))
        let vectors = try PretrainedVectors(contentsOf: file.path, format: .glove)
        #expect(vectors.vectors.scalars == texts.dropLast().map { Float($0)! })
    }

    @Test func expectedDimensionIsChecked() throws {
        let file = try TemporaryFile(contents: "2 3\na 1 2 3\nb 4 5 6\n")
        #expect(try PretrainedVectors(contentsOf: file.path, expectedDimension: 3).dimension == 3)
        #expect(throws: VocabularyError.dimensionMismatch(file: file.path, line: 1, expected: 50, actual: 3)) {
            try PretrainedVectors(contentsOf: file.path, expectedDimension: 50)
        }
    }

    @Test(arguments: [
        ("2 2\na 1 2\nb 1\n", "3: \"b\" has 1 values, expected 2; the file is truncated or not a vector text file"),
        ("a 1 2\nb 1 2 3\n", "2: \"b\" has 3 values, expected 2; the file is truncated or not a vector text file"),
        ("a 1 2\nb 1 x2\n", "2: value 2 \"x2\" is not a finite number; fix or remove the line"),
        ("a 1 2\nb 1e40 2\n", "2: value 1 \"1e40\" is not a finite number; fix or remove the line"),
        ("a 1 2\nb 1 2..5\n", "2: value 2 \"2..5\" is not a finite number; fix or remove the line"),
        ("", ": the file holds no vectors; give a word2vec or GloVe text file"),
        ("\n\n", ": the file holds no vectors; give a word2vec or GloVe text file"),
        ("0 300\n", ": the file holds no vectors; give a word2vec or GloVe text file"),
        ("3 2\na 1 2\nb 3 4\n", "3: the header announces 3 vectors but the file holds 2; the file is truncated or its header is wrong"),
        ("a\n", "1: \"a\" has 0 values, expected 1; the file is truncated or not a vector text file"),
    ])
    func loaderErrorsNameFileAndLine(contents: String, message: String) throws {
        let file = try TemporaryFile(contents: contents)
        do {
            _ = try PretrainedVectors(contentsOf: file.path)
            Issue.record("loading \(contents.debugDescription) succeeded")
        } catch {
            let separator = message.hasPrefix(":") ? "" : ":"
            #expect(error.description == file.path + separator + message)
        }
    }

    @Test func malformedHeaderWhenWord2vecIsDemanded() throws {
        let file = try TemporaryFile(contents: "the 1 2\n")
        #expect(throws: VocabularyError.malformedHeader(file: file.path, line: 1, text: "the 1 2")) {
            try PretrainedVectors(contentsOf: file.path, format: .word2vec)
        }
        #expect(VocabularyError.malformedHeader(file: "v.txt", line: 1, text: "the 1 2").description
            == #"v.txt:1: word2vec header "the 1 2" is not "count dimension"; fix the header or load the file as GloVe"#)
    }

    @Test func invalidUTF8Word() throws {
        let file = try TemporaryFile(bytes: Array("a 1\n".utf8) + [0x62, 0xFF, 0x20, 0x31, 0x0A])
        #expect(throws: VocabularyError.invalidUTF8(file: file.path, line: 2)) {
            try PretrainedVectors(contentsOf: file.path)
        }
    }

    @Test func missingFile() {
        #expect(throws: VocabularyError.unreadable(file: "/nonexistent/vectors.txt", reason: "No such file or directory")) {
            try PretrainedVectors(contentsOf: "/nonexistent/vectors.txt")
        }
    }

    @Test func linesLongerThanOneChunk() throws {
        // About 1 MiB per line: longer than the line reader's buffer, which must grow.
        let dimension = (1 << 20) / 4
        let row = (0..<dimension).map { _ in "0.5" }.joined(separator: " ")
        let file = try TemporaryFile(contents: "x \(row)\ny \(row)\n")
        let vectors = try PretrainedVectors(contentsOf: file.path)
        #expect(vectors.words == ["x", "y"])
        #expect(vectors.dimension == dimension)
        #expect(vectors.vectors.scalars.allSatisfy { $0 == 0.5 })
    }

    @Test func embeddingMatrixMatchesNormalisedWords() {
        let vectors = PretrainedVectors(
            words: ["Beijing", "the", "THE", "flights", "to"],
            vectors: Matrix([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]))
        var vocabulary = Vocabulary(counts: ["the": 3, "Flights": 2, "beijing": 2, "denver": 1])
        vocabulary.append("TO")
        // Entries: <pad> <unk> the Flights beijing denver TO
        var generator = SplitMix64(seed: 1)
        let result = vectors.embeddingMatrix(
            for: vocabulary, normalise: { $0 == "flights" ? "Flights" : $0 }, using: &generator, scale: 0.1)
        #expect(result.matched == 4 && result.total == 5)
        let matrix = result.matrix
        #expect(matrix.rows == 7 && matrix.columns == 2)
        #expect(matrix.row(0) == [0, 0])
        #expect(matrix.row(2) == [2, 2])        // "the": first occurrence wins over "THE"
        #expect(matrix.row(3) == [4, 4])        // "Flights": through the normaliser
        #expect(matrix.row(4) == [1, 1])        // "beijing": through lower-casing
        #expect(matrix.row(6) == [5, 5])        // "TO": through lower-casing
        var replay = SplitMix64(seed: 1)
        let unknownRow = [replay.nextFloat(bound: 0.1), replay.nextFloat(bound: 0.1)]
        let denverRow = [replay.nextFloat(bound: 0.1), replay.nextFloat(bound: 0.1)]
        #expect(matrix.row(1) == unknownRow)
        #expect(matrix.row(5) == denverRow)
        #expect((unknownRow + denverRow).allSatisfy { abs($0) <= 0.1 && $0 != 0 })
    }

    @Test func extendingAddsUnseenPretrainedWords() {
        let vectors = PretrainedVectors(words: ["The", "paris", "to"], vectors: Matrix([[1], [2], [3]]))
        let vocabulary = Vocabulary(counts: ["to": 1, "the": 1])
        let extended = vectors.extending(vocabulary, normalise: { $0.lowercased() })
        #expect(extended.entries == ["<pad>", "<unk>", "the", "to", "paris"])
        var generator = SplitMix64(seed: 3)
        let result = vectors.embeddingMatrix(for: extended, normalise: { $0.lowercased() }, using: &generator, scale: 1)
        #expect(result.matched == 3 && result.total == 3)
        #expect(result.matrix.scalars.dropFirst(2) == [1, 3, 2])
    }
}
