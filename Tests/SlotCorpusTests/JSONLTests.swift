import SlotCorpus
import SlotIO
import SlotText
import Testing

@Suite("JSONL spans: projection onto tokens, errors, writing")
struct JSONLTests {
    private func read(_ text: String, tokenizer: Tokenizer = Tokenizer()) throws -> Corpus {
        try JSONLReader(tokenizer: tokenizer).read(from: LineReader(bytes: Array(text.utf8), name: "s.jsonl"))
    }

    @Test("Spans become B-/I- labels on the tokens they cover; the original text and offsets are kept")
    func projection() throws {
        let corpus = try read("""
            {"text": "I'd like to fly from New York to Beijing on November 2nd", "intent": "atis_flight", "slots": [{"start": 21, "end": 29, "label": "fromloc.city_name"}, {"start": 33, "end": 40, "label": "toloc.city_name"}, {"start": 44, "end": 56, "label": "depart_date"}]}

            {"text": "hi 👍🏽 北京", "slots": [{"start": 6, "end": 8, "label": "city"}]}
            {"text": "no slots here", "intent": null}
            """)
        #expect(corpus.format == .jsonl)
        #expect(corpus.sentences.count == 3)
        let first = corpus.sentences[0]
        #expect(first.tokens == ["I'd", "like", "to", "fly", "from", "New", "York", "to", "Beijing", "on", "November", "2nd"])
        #expect(first.labels == [
            "O", "O", "O", "O", "O", "B-fromloc.city_name", "I-fromloc.city_name", "O", "B-toloc.city_name", "O",
            "B-depart_date", "I-depart_date",
        ])
        #expect(first.intent == "atis_flight")
        #expect(first.line == 1)
        #expect(first.original?.text == "I'd like to fly from New York to Beijing on November 2nd")
        #expect(first.original?.tokens[8].scalarOffsets == 33..<40)
        #expect(corpus.sentences[1].tokens == ["hi", "👍🏽", "北京"])
        #expect(corpus.sentences[1].labels == ["O", "O", "B-city"])
        #expect(corpus.sentences[1].line == 3)
        #expect(corpus.sentences[2].labels == ["O", "O", "O"])
        #expect(corpus.sentences[2].intent == nil)
    }

    @Test(
        "Bad records and spans are errors naming file:line",
        arguments: [
            (#"{"text": "fly to Boston", "slots": [{"start": 7, "end": 12, "label": "city"}]}"#,
             "s.jsonl:1: span 7..<12 (city) does not start and end on token boundaries; fix the offsets (Unicode scalars, end exclusive) or the tokenizer mode (for text without spaces, trainer --tokenizer graphemes makes every character a token)"),
            (#"{"text": "fly to Boston", "slots": [{"start": 8, "end": 13, "label": "city"}]}"#,
             "s.jsonl:1: span 8..<13 (city) does not start and end on token boundaries; fix the offsets (Unicode scalars, end exclusive) or the tokenizer mode (for text without spaces, trainer --tokenizer graphemes makes every character a token)"),
            (#"{"text": "fly to Boston", "slots": [{"start": 7, "end": 14, "label": "city"}]}"#,
             "s.jsonl:1: span 7..<14 is empty or outside the text of 13 scalars; offsets count Unicode scalars, end exclusive"),
            (#"{"text": "fly to Boston", "slots": [{"start": 4, "end": 4, "label": "x"}]}"#,
             "s.jsonl:1: span 4..<4 is empty or outside the text of 13 scalars; offsets count Unicode scalars, end exclusive"),
            (#"{"text": "fly to Boston", "slots": [{"start": 7, "end": 13, "label": "a"}, {"start": 4, "end": 13, "label": "b"}]}"#,
             "s.jsonl:1: spans 4..<13 and 7..<13 overlap; keep one label per token"),
            (#"{"text": "fly to Boston", "slots": [{"start": 7, "end": 13, "label": "a b"}]}"#,
             "s.jsonl:1: invalid JSONL record: span 7..<13 has the label \"a b\", which is empty or holds spaces; write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"),
            (#"{"text": "fly to Boston", "slots": [{"start": 7, "end": 13, "label": "B-city"}]}"#,
             "s.jsonl:1: invalid JSONL record: span 7..<13 has the label \"B-city\", a tagged label; spans take the slot name (\"city\"), the reader adds B- and I-; write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"),
            (#"{"intent": "x"}"#,
             "s.jsonl:1: invalid JSONL record: missing key \"text\"; write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"),
            (#"{"text": "a", "slots": [{"start": "0", "end": 1, "label": "x"}]}"#,
             "s.jsonl:1: invalid JSONL record: slots[0].start is not an integer; write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"),
            (#"{"text": "a", "slots": [{"start": 0, "label": "x"}]}"#,
             "s.jsonl:1: invalid JSONL record: missing key \"end\" in slots[0]; write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"),
            (#"{"text": "a""#,
             "s.jsonl:1: invalid JSONL record: not valid JSON; write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"),
        ]
    )
    func errors(line: String, expected: String) {
        #expect(TestFiles.errorDescription { _ = try read(line) } == expected)
    }

    @Test("Span offsets count Unicode scalars, so a span after an emoji or a combining mark lands right")
    func scalarOffsets() throws {
        let corpus = try read(#"{"text": "cafe\u0301 👍🏽 Zürich", "slots": [{"start": 9, "end": 15, "label": "city"}]}"#)
        #expect(corpus.sentences.first?.tokens == ["cafe\u{301}", "👍🏽", "Zürich"])
        #expect(corpus.sentences.first?.labels == ["O", "O", "B-city"])
    }

    @Test("Invalid UTF-8 in a JSONL line names the line")
    func invalidUTF8() {
        let bytes = Array("{\"text\": \"a\"}\n{\"text\": \"".utf8) + [0xFF] + Array("\"}\n".utf8)
        #expect(TestFiles.errorDescription { _ = try JSONLReader().read(from: LineReader(bytes: bytes, name: "s.jsonl")) }
            == "s.jsonl:2: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
    }

    @Test("Reading then writing a canonical JSONL file gives the same bytes")
    func roundTrip() throws {
        let text = """
            {"text": "leave Beijing on November 2nd", "intent": "atis_flight", "slots": [{"start": 6, "end": 13, "label": "fromloc.city_name"}, {"start": 17, "end": 29, "label": "depart_date"}]}
            {"text": "say \\"hi\\"\\tthere\\\\ 👍🏽", "slots": []}

            """
        let corpus = try read(text)
        var written = ""
        for sentence in corpus.sentences { written += try JSONLWriter().record(for: sentence) + "\n" }
        #expect(written == text)
    }

    @Test("Sentences read from CoNLL are written with their tokens joined by spaces")
    func fromCoNLL() throws {
        let corpus = try TestFiles.conll("# intent = atis_flight\nleave\tO\nNew\tB-from\nYork\tI-from\ntomorrow\tI-date\nnow\tO\n")
        let record = try JSONLWriter().record(for: corpus.sentences[0])
        #expect(record == #"{"text": "leave New York tomorrow now", "intent": "atis_flight", "slots": [{"start": 6, "end": 14, "label": "from"}, {"start": 15, "end": 23, "label": "date"}]}"#)
        let back = try read(record)
        #expect(back.sentences[0].labels == ["O", "B-from", "I-from", "B-date", "O"])
    }

    @Test("Plain tags cannot be written as spans")
    func plainTags() {
        let sentence = AnnotatedSentence(tokens: ["I"], labels: ["PRON"], line: 4)
        #expect(TestFiles.errorDescription { _ = try JSONLWriter().record(for: sentence) }
            == "cannot write the sentence from line 4: label \"PRON\" is not B-X, I-X or O; JSONL spans need BIO labels")
    }

    @Test("The token record for `tagger tokenize` escapes text and gives scalar offsets and categories")
    func tokenRecord() throws {
        let text = "a \"b\"\t👍🏽\u{1}"
        let record = try JSONLWriter.tokenRecord(text: text, tokens: Tokenizer().tokenize(text))
        #expect(record == #"{"text": "a \"b\"\t👍🏽\u0001", "tokens": [{"text": "a", "start": 0, "end": 1, "category": "letter"}, {"text": "\"", "start": 2, "end": 3, "category": "other"}, {"text": "b", "start": 3, "end": 4, "category": "letter"}, {"text": "\"", "start": 4, "end": 5, "category": "other"}, {"text": "👍🏽", "start": 6, "end": 8, "category": "other"}, {"text": "\u0001", "start": 8, "end": 9, "category": "other"}]}"#)
    }
}
