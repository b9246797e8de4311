import SlotCorpus
import SlotIO
import Testing

@Suite("CoNLL reader: the accepted forms")
struct CoNLLReaderTests {
    @Test("Intent lines, comments and `#<TAB>label` tokens are told apart")
    func intentsCommentsAndHashTokens() throws {
        let corpus = try TestFiles.conll("""
            # sent_id = 1
            # intent = atis_flight
            #\tSYM
            to\tO
            # a comment inside a sentence
            Boston\tB-toloc.city_name

            # just a comment
            #\tI-TITLE
            x\tI-TITLE

            """)
        #expect(corpus.sentences.map(\.tokens) == [["#", "to", "Boston"], ["#", "x"]])
        #expect(corpus.sentences.map(\.labels) == [["SYM", "O", "B-toloc.city_name"], ["I-TITLE", "I-TITLE"]])
        #expect(corpus.sentences.map(\.intent) == ["atis_flight", nil])
        #expect(corpus.sentences.map(\.line) == [2, 9])
    }

    @Test("Space-separated and multi-column CoNLL-2003 lines take the first and last columns")
    func columns() throws {
        let corpus = try TestFiles.conll("""
            -DOCSTART- -X- -X- O

            EU NNP B-NP B-ORG
            rejects VBZ B-VP O
            German  JJ   B-NP   B-MISC

            New York\tNNP\tB-LOC
            """)
        #expect(corpus.sentences.map(\.tokens) == [["EU", "rejects", "German"], ["New York"]])
        #expect(corpus.sentences.map(\.labels) == [["B-ORG", "O", "B-MISC"], ["B-LOC"]])
    }

    @Test("CRLF line ends, a byte order mark, trailing spaces and a missing final blank line are fine")
    func lineEnds() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("# intent = x\r\nfly\tO  \r\n\r\n\r\nto\tO\t\r\nBoston\tB-city".utf8)
        let corpus = try CoNLLReader().read(from: LineReader(bytes: bytes, name: "crlf.conll"))
        #expect(corpus.sentences.map(\.tokens) == [["fly"], ["to", "Boston"]])
        #expect(corpus.sentences.map(\.labels) == [["O"], ["O", "B-city"]])
        #expect(corpus.sentences.map(\.intent) == ["x", nil])
        #expect(corpus.sentences.map(\.line) == [1, 5])
    }

    @Test("Plain tags (part of speech, Penn brackets, hyphenated tags) are kept as they are")
    func plainTags() throws {
        let corpus = try TestFiles.conll("I\tPRON\n(\t-LRB-\nsaid\tVBD\nit\tNP-SBJ\n")
        #expect(corpus.sentences.first?.labels == ["PRON", "-LRB-", "VBD", "NP-SBJ"])
        #expect(corpus.scheme == .bio)
        #expect(corpus.warnings.isEmpty)
    }

    @Test("Streaming hands over each sentence and the warnings")
    func streaming() throws {
        let lines = LineReader(bytes: Array("a\tI-x\n\nb\tB-y\nc\tI-y\n".utf8), name: "s.conll")
        var seen: [[String]] = []
        let warnings = try CoNLLReader.forEachSentence(in: lines, scheme: .bio) { seen.append($0.labels) }
        #expect(seen == [["I-x"], ["B-y", "I-y"]])
        #expect(warnings.chunksStartingWithInside == 1)
        #expect(warnings.exampleLines == [1])
    }

    @Test("An empty file or one of blank lines and comments has no sentences")
    func empty() throws {
        #expect(try TestFiles.conll("").sentences.isEmpty)
        #expect(try TestFiles.conll("\n\n# comment\n  \n").sentences.isEmpty)
    }
}
