import Foundation
import SlotModel
import SlotText
import SlotValues
import Testing

/// A result does not depend on the utterances tagged beside it: every
/// utterance tagged alone gives the same result, to the last bit of every
/// confidence, as in any batch and on any number of threads. (Each step of
/// inference computes one sentence's rows independently of the others:
/// the direct matrix kernel, element-wise activations, per-sentence CRF.)
@Suite("Results do not depend on batching", .tags(.slow), .skippedWhenFast)
struct BatchIndependenceTests {
    /// The first utterances of the ATIS test split, one per sentence.
    static func utterances(_ count: Int) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("corpora/atis/test.conll"), encoding: .utf8)
        var sentences: [String] = [], words: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !words.isEmpty { sentences.append(words.joined(separator: " ")) }
                words = []
                if sentences.count == count { break }
            } else if !line.hasPrefix("#") {
                words.append(String(line.split(separator: "\t")[0]))
            }
        }
        return sentences
    }

    @Test("Each utterance alone equals the same utterance in batches of every size, on 1 and 2 threads")
    func aloneEqualsBatched() throws {
        let tagger = try Tagger(contentsOf: ShippedModelTests.modelDirectory)
        let texts = try Self.utterances(80)
        let options = ResolutionOptions(reference: ReferenceTime(date: CivilDate(year: 2026, month: 11, day: 28)!))
        let alone = texts.map { tagger.tag($0, resolving: options) }
        func differing(_ results: [TaggingResult], _ expected: [TaggingResult]) -> [String] {
            zip(results, expected).filter { $0 != $1 }.map(\.1.text)
        }
        for threads in [1, 2] {
            let batched = tagger.tag(texts, threads: threads, resolving: options)
            #expect(differing(batched, alone).isEmpty, "all 80 at once, \(threads) threads: \(differing(batched, alone))")
        }
        // Batches that start at other utterances, so each one has other neighbours.
        for offset in [1, 7, 33] {
            let shifted = Array(texts[offset...]) + texts[..<offset]
            let expected = Array(alone[offset...]) + alone[..<offset]
            let batched = tagger.tag(shifted, threads: 1, resolving: options)
            #expect(differing(batched, expected).isEmpty, "rotated by \(offset): \(differing(batched, expected))")
        }
    }
}
