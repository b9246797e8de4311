import SlotModel
import SlotTestSupport
import SlotTraining
import Testing

@Suite("Training is reproducible", .tags(.slow), .skippedWhenFast)
struct ReproducibilityTests {
    static func train(threads: Int, seed: UInt64 = 7, lazyWordUpdates: Bool = false) throws -> TrainingState {
        var options = ToyTraining.options(epochs: 2, threads: threads, dropout: 0.3)
        options.unknownWordDropout = 0.3
        options.seed = seed
        options.lazyWordUpdates = lazyWordUpdates
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        var state = trainer.initialState()
        _ = trainer.run(&state)
        return state
    }

    @Test("the same seed gives byte-identical parameters", arguments: [1, 2])
    func sameSeed(threads: Int) throws {
        let first = try Self.train(threads: threads), second = try Self.train(threads: threads)
        #expect(ToyTraining.bits(first.network) == ToyTraining.bits(second.network))
        #expect(ToyTraining.bits(first.best) == ToyTraining.bits(second.best))
        #expect(first.history.map(\.trainLoss) == second.history.map(\.trainLoss))
    }

    @Test("another seed gives other parameters")
    func otherSeed() throws {
        let first = try Self.train(threads: 1), second = try Self.train(threads: 1, seed: 8)
        #expect(ToyTraining.bits(first.network) != ToyTraining.bits(second.network))
    }

    @Test("lazy word updates are reproducible and train another model than full updates")
    func lazyWordUpdates() throws {
        let first = try Self.train(threads: 2, lazyWordUpdates: true), second = try Self.train(threads: 2, lazyWordUpdates: true)
        #expect(ToyTraining.bits(first.network) == ToyTraining.bits(second.network))
        let full = try Self.train(threads: 2)
        #expect(first.network.words.table != full.network.words.table)
        #expect(first.history.map(\.trainLoss) != full.history.map(\.trainLoss))
    }
}
