import SlotCorpus
import Testing

@Suite("Corpus format detection")
struct CorpusFormatTests {
    @Test(
        "By extension",
        arguments: [
            ("train.conll", CorpusFormat?.some(.conll)), ("a/b.JSONL", .jsonl), ("x.ndjson", .jsonl), ("x.json", .jsonl),
            ("x.bioes", .conll), ("x.tsv", .conll), ("x.txt", nil), ("dir.jsonl/file", nil), ("noext", nil),
        ]
    )
    func byExtension(path: String, expected: CorpusFormat?) {
        #expect(CorpusFormat.byExtension(of: path) == expected)
    }

    @Test("By the first non-blank byte after a byte order mark")
    func byContent() {
        #expect(CorpusFormat.byContent(Array("\n  {\"text\": \"a\"}".utf8)) == .jsonl)
        #expect(CorpusFormat.byContent([0xEF, 0xBB, 0xBF] + Array("{".utf8)) == .jsonl)
        #expect(CorpusFormat.byContent(Array("# intent = x\n".utf8)) == .conll)
        #expect(CorpusFormat.byContent([UInt8]()) == .conll)
    }

    @Test("Files without a telling extension are read by content")
    func files() throws {
        let jsonl = try TestFiles.temporary(Array("\n{\"text\": \"fly to Boston\", \"slots\": [{\"start\": 7, \"end\": 13, \"label\": \"city\"}]}\n".utf8), name: "data.txt")
        #expect(try CorpusFormat.detect(contentsOf: jsonl) == .jsonl)
        let corpus = try Corpus(contentsOf: jsonl)
        #expect(corpus.sentences.first?.labels == ["O", "O", "B-city"])
        let conll = try TestFiles.temporary(Array("fly\tO\n".utf8), name: "data.txt")
        #expect(try CorpusFormat.detect(contentsOf: conll) == .conll)
    }
}
