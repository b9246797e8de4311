import Testing
import SlotMath
import SlotLayers
import SlotModel
@testable import SlotTraining

@Suite("BatchGradient combines workers' sparse gradients with the dense bits")
struct BatchGradientTests {
    static func bits(_ network: TaggingNetwork) -> [[UInt32]] { ToyTraining.bits(network) }

    /// Three optimiser steps over the toy corpus, each batch split over two
    /// workers, once through dense gradients and once through `BatchGradient`.
    @Test("losses, norms, parameters and moments agree bit for bit", arguments: [(false, 1), (false, 2), (true, 2)])
    func sameAsDense(freezeWords: Bool, threads: Int) throws {
        let options = ToyTraining.options(epochs: 1, threads: 2, dropout: 0.3)
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        let sentences = trainer.data.train
        var dense = trainer.initialState().network, sparse = dense
        var denseOptimizer = Optimizer(rule: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        var sparseOptimizer = denseOptimizer
        for step in 0..<3 {
            let shares = [Array(sentences[(6 * step) ..< (6 * step + 3)]), Array(sentences[(6 * step + 3) ..< (6 * step + 6)])]
            var denseGradient: TaggingNetwork?
            var parts: [BatchGradient] = []
            for (worker, share) in shares.enumerated() {
                var first = SplitMix64(seed: UInt64(31 * step + worker)), second = first
                let (denseLoss, gradient) = dense.lossAndGradient(share, dropout: 0.3, intentWeight: 1, using: &first)
                let (sparseLoss, rest, words) = sparse.lossAndSparseGradient(share, dropout: 0.3, intentWeight: 1, using: &second)
                #expect(denseLoss.bitPattern == sparseLoss.bitPattern)
                #expect(rest.words.table.count == 0)
                parts.append(BatchGradient(network: rest, words: words))
                if denseGradient == nil { denseGradient = gradient } else { denseGradient?.add(gradient) }
            }
            var expected = try #require(denseGradient)
            expected.scale(by: 1 / 6)
            var actual = BatchGradient.sum(parts, scaledBy: 1 / 6, threads: threads)
            #expect(actual.words.ids.count < sparse.words.count, "the batch leaves some words out")
            if freezeWords {
                expected.words.table.fill(0)
                actual.words.removeAll()
            }
            #expect(actual.globalNorm(threads: threads).bitPattern == expected.globalNorm.bitPattern)
            let clip = expected.globalNorm / 2
            expected.clipNorm(to: clip)
            actual.clipNorm(to: clip, threads: threads)
            #expect(abs(actual.globalNorm(threads: threads) - clip) < 1e-6 * clip)
            denseOptimizer.update(&dense, gradient: expected, learningRate: 0.01)
            sparseOptimizer.update(&sparse, gradients: actual.tensors, learningRate: 0.01)
        }
        #expect(Self.bits(sparse) == Self.bits(dense))
        #expect(sparseOptimizer.firstMoments == denseOptimizer.firstMoments)
        #expect(sparseOptimizer.secondMoments == denseOptimizer.secondMoments)
    }

    /// Squares that sum differently in another order: the word table's 1 plus
    /// four tensors of `2⁻⁵³` each is 1 from the left (each half-ulp rounds to
    /// even) but `1 + 2⁻⁵¹` with the word table last.
    @Test("the norm sums tensors in the network's visiting order, word table first")
    func normOrder() throws {
        let options = ToyTraining.options(epochs: 1)
        let network = Trainer(options: options, data: try ToyTraining.data(options)).initialState().network
        var rest = network
        rest.words = Embedding(table: Matrix(rows: 0, columns: network.words.dimension))
        rest = rest.zeroed
        let half = Float(1) / Float(1 << 27)
        for column in 0..<2 {
            rest.emissions.bias[0, column] = half
            rest.crf?.start[0, column] = half
            rest.crf?.end[0, column] = half
            rest.crf?.transitions[0, column] = half
        }
        let dimension = network.words.dimension
        var words = SparseRows(rowCount: network.words.count, columns: dimension, ids: [3])
        words.add(Matrix(rows: 1, columns: dimension, scalars: [1] + Array(repeating: 0, count: dimension - 1)), atRows: [3])
        var dense = rest
        dense.words = Embedding(table: words.dense)
        let gradient = BatchGradient(network: rest, words: words)
        #expect(dense.globalNorm == 1)
        #expect((4 * Double(half * half * 2) + 1).squareRoot() > 1, "the order matters for these numbers")
        #expect(gradient.globalNorm(threads: 2).bitPattern == dense.globalNorm.bitPattern)
    }
}
