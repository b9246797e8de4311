import SlotCorpus
import SlotIO
import Testing

@Suite("CoNLL validation: one-line errors naming file:line")
struct CoNLLValidationTests {
    @Test(
        "Each malformed line is reported with its line number and a fix",
        arguments: [
            ("a\tO\nb\n", "t.conll:2: token without a label; write `token<TAB>label`"),
            ("a\tO\n\tO\n", "t.conll:2: empty token before the label; remove the leading TAB or space"),
            ("a\tO\n O\n", "t.conll:2: empty token before the label; remove the leading TAB or space"),
            ("a\tX-foo\n", "t.conll:1: label \"X-foo\" has an unknown prefix for BIO, IOB1 or BIOES tags; use B-, I-, E- or S- prefixes or O"),
            ("a\tB-\n", "t.conll:1: label \"B-\" has no type after its prefix; write e.g. B-city"),
            ("to\tO\nboston\tB-to city\n", "t.conll:2: label \"B-to city\" holds white space in its type; join the words, e.g. B-to_city"),
            ("# intent = \nb\tO\n", "t.conll:1: intent line without a name; write `# intent = NAME`"),
            (
                "a\tO\n# intent = x\n",
                "t.conll:2: intent line inside a sentence or repeated; put one `# intent = NAME` line directly before each sentence"
            ),
            (
                "# intent = x\n# intent = y\na\tO\n",
                "t.conll:2: intent line inside a sentence or repeated; put one `# intent = NAME` line directly before each sentence"
            ),
            ("# intent = x\n\na\tO\n", "t.conll:1: intent line not followed by tokens; remove it or add the sentence's tokens below it"),
            ("a\tO\n\n# intent = x\n", "t.conll:3: intent line not followed by tokens; remove it or add the sentence's tokens below it"),
        ]
    )
    func malformed(text: String, expected: String) {
        #expect(TestFiles.errorDescription { _ = try TestFiles.conll(text) } == expected)
    }

    @Test("A given scheme narrows the prefixes: E- is unknown in BIO")
    func schemePrefixes() {
        #expect(TestFiles.errorDescription { _ = try TestFiles.conll("a\tB-x\nb\tE-x\n", scheme: .bio) }
            == "t.conll:2: label \"E-x\" has an unknown prefix for BIO tags; use B- or I- prefixes or O")
    }

    @Test("Invalid UTF-8 names its line, also in a file")
    func invalidUTF8() throws {
        let bytes = Array("a\tO\n\nb".utf8) + [0xC3, 0x28] + Array("\tO\n".utf8)
        #expect(TestFiles.errorDescription { _ = try CoNLLReader().read(from: LineReader(bytes: bytes, name: "bad.conll")) }
            == "bad.conll:3: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
        let path = try TestFiles.temporary(bytes)
        #expect(TestFiles.errorDescription { _ = try Corpus(contentsOf: path) }
            == "\(path):3: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
    }

    @Test("The writer refuses tokens and labels that would not read back")
    func unwritable() {
        let writer = CoNLLWriter()
        let cases: [(AnnotatedSentence, String)] = [
            (AnnotatedSentence(tokens: ["a\tb"], labels: ["O"], line: 7),
             "cannot write the sentence from line 7: token \"a\tb\" is empty or holds a TAB, a line break; clean it before writing"),
            (AnnotatedSentence(tokens: [""], labels: ["O"]),
             "cannot write the sentence without a source line: token \"\" is empty or holds a TAB, a line break; clean it before writing"),
            (AnnotatedSentence(tokens: ["a"], labels: ["B-x "], line: 2),
             "cannot write the sentence from line 2: label \"B-x \" is empty or holds a TAB, a line break or edge spaces; clean it before writing"),
            (AnnotatedSentence(tokens: ["a"], labels: ["O"], intent: "x\ny", line: 3),
             "cannot write the sentence from line 3: intent \"x\ny\" is empty or holds a TAB, a line break or edge spaces; clean it before writing"),
        ]
        for (sentence, expected) in cases {
            #expect(TestFiles.errorDescription { _ = try writer.format(sentence) } == expected)
        }
    }

    @Test("A missing file and a directory cannot be opened")
    func cannotOpen() throws {
        #expect(TestFiles.errorDescription { _ = try CoNLLReader().read(contentsOf: "/nonexistent/x.conll") }
            == "/nonexistent/x.conll: cannot open: No such file or directory; check the path and its permissions")
        #expect(TestFiles.errorDescription { _ = try CoNLLReader().read(contentsOf: "/tmp") }
            == "/tmp: cannot open: Is a directory; check the path and its permissions")
    }
}
