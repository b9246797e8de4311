import SlotText
import Testing

@Suite("Tokenizer under concurrency")
struct TokenizerConcurrencyTests {
    @Test("Tokenizing from many tasks at once gives the serial result", arguments: Tokenizer.Mode.allCases)
    func concurrent(mode: Tokenizer.Mode) async {
        var random = RandomText(seed: 99)
        let texts = (0..<300).map { _ in random.string(maximum: 40) }
        let tokenizer = Tokenizer(mode: mode)
        let serial = texts.map { describe(tokenizer.tokenize($0)) }
        let parallel = await withTaskGroup(of: [[String]].self) { group in
            for _ in 0..<8 {
                group.addTask { texts.map { describe(tokenizer.tokenize($0)) } }
            }
            var results: [[[String]]] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(parallel.count == 8)
        #expect(parallel.allSatisfy { $0 == serial })
    }
}
