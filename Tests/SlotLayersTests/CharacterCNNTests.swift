import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

@Suite("CharacterCNN")
struct CharacterCNNTests {
    /// Lengths 3, 1, 2 and 5; no word repeats a window, so no two positions tie.
    static let words = [[2, 3, 4], [5], [3, 3], [1, 6, 2, 4, 5]]
    static let weights = TestData.matrix(4, 4, seed: 61)

    static func cnn() -> CharacterCNN {
        var generator = SplitMix64(seed: 62)
        var cnn = CharacterCNN(characterCount: 7, dimension: 3, filters: 4, window: 3, using: &generator)
        cnn.bias = TestData.matrix(1, 4, seed: 63, bound: 0.5)
        return cnn
    }

    /// The window around `position` of `word`, `[e_{i−1} e_i e_{i+1}]`, built
    /// directly from the table with zeros outside the word.
    static func window(_ cnn: CharacterCNN, _ word: [Int], at position: Int) -> [Float] {
        let padding = (cnn.window - 1) / 2
        return (0..<cnn.window).flatMap { offset -> [Float] in
            let character = position - padding + offset
            guard character >= 0 && character < word.count else { return [Float](repeating: 0, count: cnn.embedding.dimension) }
            return cnn.embedding.table.row(word[character])
        }
    }

    /// `z_{i,f}` computed position by position, without im2col or GEMM.
    static func responses(_ cnn: CharacterCNN, _ word: [Int]) -> [[Float]] {
        (0..<word.count).map { position in
            let x = window(cnn, word, at: position)
            return (0..<cnn.filters).map { filter in
                zip(x, cnn.weight.row(filter)).reduce(cnn.bias[0, filter]) { $0 + $1.0 * $1.1 }
            }
        }
    }

    @Test("one row of F per word, each tanh of the largest response of a direct convolution")
    func forward() {
        let cnn = Self.cnn()
        let (output, cache) = cnn.forward(Self.words)
        #expect(output.rows == 4 && output.columns == 4 && cnn.outputSize == 4 && cnn.window == 3)
        #expect(cache.columns.rows == 11 && cache.columns.columns == 9)
        var start = 0
        for (index, word) in Self.words.enumerated() {
            let z = Self.responses(cnn, word)
            for filter in 0..<4 {
                let best = z.indices.max { z[$0][filter] < z[$1][filter] }!
                #expect(cache.argmax[index * 4 + filter] == start + best)
                #expect(abs(output[index, filter] - Kernels.tanh(z[best][filter])) < 1e-6)
            }
            start += word.count
        }
    }

    @Test("a word's vector does not depend on the other words of the batch")
    func independence() {
        let cnn = Self.cnn()
        let (output, _) = cnn.forward(Self.words)
        for (index, word) in Self.words.enumerated() {
            let (alone, _) = cnn.forward([word])
            #expect(zip(alone.row(0), output.row(index)).allSatisfy { abs($0 - $1) <= 1e-6 }, "word \(index)")
        }
        #expect(cnn.forward([]).output.shape == [0, 4])
    }

    @Test("gradients of embedding, weight and bias match central differences")
    func gradients() throws {
        let cnn = Self.cnn()
        let checker = GradientCheck()
        // A perturbation h moves a response by at most h·max|e| (weight) or
        // h·k·max|W| (a character vector, seen in up to k window slots), and
        // the bias shifts a filter's responses alike; the winner and runner-up
        // can move apart or together, so a gap above twice that bound keeps
        // every argmax fixed and the loss smooth within ±h.
        let largestVector = cnn.embedding.table.scalars.map(abs).max()!
        let largestWeight = cnn.weight.scalars.map(abs).max()!
        let shift = 2 * checker.step * max(largestVector, Float(cnn.window) * largestWeight)
        for word in Self.words where word.count > 1 {
            let z = Self.responses(cnn, word)
            for filter in 0..<4 {
                let sorted = z.map { $0[filter] }.sorted(by: >)
                try #require(sorted[0] - sorted[1] > shift, "word \(word), filter \(filter): gap \(sorted[0] - sorted[1]) ≤ \(shift)")
            }
        }
        let (_, cache) = cnn.forward(Self.words)
        let gradient = cnn.backward(Self.weights, cache: cache)
        #expect(gradient.embedding.table.row(0) == [0, 0, 0])
        let report = checker.check(cnn, analytic: gradient) { TestData.dot(Self.weights, $0.forward(Self.words).output) }
        #expect(report.passed, "\(report)")
        #expect(report.checkedCount == 21 + 36 + 4)
    }

    @Test("the gradient of one output reaches only its argmax window")
    func argmaxRouting() {
        let cnn = Self.cnn()
        let (output, cache) = cnn.forward(Self.words)
        let (wordIndex, filter) = (3, 2)
        let word = Self.words[wordIndex]
        let z = Self.responses(cnn, word)
        let best = z.indices.max { z[$0][filter] < z[$1][filter] }!
        var outputGradient = Matrix(rows: 4, columns: 4)
        outputGradient[wordIndex, filter] = 1
        let gradient = cnn.backward(outputGradient, cache: cache)
        let scale = 1 - output[wordIndex, filter] * output[wordIndex, filter]

        var bias = Matrix(rows: 1, columns: 4)
        bias[0, filter] = scale
        #expect(gradient.bias == bias)
        let x = Self.window(cnn, word, at: best)
        for row in 0..<4 {
            let expected = row == filter ? x.map { $0 * scale } : [Float](repeating: 0, count: 9)
            #expect(zip(gradient.weight.row(row), expected).allSatisfy { abs($0 - $1) <= 1e-6 }, "weight row \(row)")
        }
        var table = Matrix(rows: 7, columns: 3)
        for offset in 0..<3 where best - 1 + offset >= 0 && best - 1 + offset < word.count {
            for d in 0..<3 { table[word[best - 1 + offset], d] += scale * cnn.weight[filter, offset * 3 + d] }
        }
        #expect(zip(gradient.embedding.table.scalars, table.scalars).allSatisfy { abs($0 - $1) <= 1e-6 })
        let reached = Set((0..<7).filter { id in gradient.embedding.table.row(id).contains { $0 != 0 } })
        #expect(reached == Set(word[max(best - 1, 0)...min(best + 1, word.count - 1)]))
        #expect(reached.count < Set(word).count)
    }
}
