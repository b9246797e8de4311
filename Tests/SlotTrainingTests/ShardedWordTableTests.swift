import Testing
import SlotMath
import SlotModel
@testable import SlotTraining

@Suite("ShardedWordTable")
struct ShardedWordTableTests {
    static func state() throws -> (Trainer, TrainingState) {
        let options = ToyTraining.options(epochs: 1)
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        var state = trainer.initialState()
        state.optimizer.prepareMoments(for: state.network)
        return (trainer, state)
    }

    @Test("moving the table into shards and back restores the network and the moments", arguments: [1, 2, 3])
    func roundTrip(count: Int) throws {
        let (_, original) = try Self.state()
        var state = original
        let words = ShardedWordTable(moving: &state, count: count)
        #expect(words.shards.count == count)
        #expect(words.shards.map(\.rows.count).reduce(0, +) == original.network.words.count)
        #expect(state.network.words.table.count == 0 && state.optimizer.firstMoments[words.index].count == 0)
        let ids = [0, 3, original.network.words.count - 1]
        let rows = words.rows(ids)
        for (position, id) in ids.enumerated() { #expect(rows.row(position) == original.network.words.table.row(id)) }
        words.restore(into: &state)
        #expect(ToyTraining.bits(state.network) == ToyTraining.bits(original.network))
        #expect(state.optimizer.firstMoments == original.optimizer.firstMoments)
        #expect(state.optimizer.secondMoments == original.optimizer.secondMoments)
    }

    @Test("a sharded step gives the bits of the optimiser's step over the whole table", arguments: [false, true])
    func update(onlyListed: Bool) throws {
        let (_, original) = try Self.state()
        var state = original
        var words = ShardedWordTable(moving: &state, count: 2)
        let count = original.network.words.count, dimension = original.network.words.dimension
        var generator = SplitMix64(seed: 9)
        let batches = [Array(0..<count), [1, count / 2, count - 1], [count / 2]]
        var table = original.network.words.table
        var first = original.optimizer.firstMoments[words.index], second = original.optimizer.secondMoments[words.index]
        var afterFirstStep = table
        for (step, ids) in batches.enumerated() {
            let values = Matrix.uniform(rows: ids.count, columns: dimension, bound: 1, using: &generator)
            let gradient = SparseRows(rowCount: count, ids: ids, values: values)
            let kernel = UpdateKernel(rule: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), step: step + 1, learningRate: 0.01)
            words.update(with: gradient, kernel: kernel, onlyListed: onlyListed)
            kernel.apply(to: &table, gradient: gradient, onlyListed: onlyListed, first: &first, second: &second)
            if step == 0 { afterFirstStep = table }
        }
        words.restore(into: &state)
        #expect(state.network.words.table.scalars.map(\.bitPattern) == table.scalars.map(\.bitPattern))
        #expect(state.optimizer.firstMoments[words.index] == first)
        #expect(state.optimizer.secondMoments[words.index] == second)
        #expect((state.network.words.table.row(2) == afterFirstStep.row(2)) == onlyListed, "row 2 moves through its moments")
    }
}
