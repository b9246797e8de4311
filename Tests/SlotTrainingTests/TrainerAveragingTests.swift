import Testing
import SlotModel
import SlotTraining

@Suite("Trainer evaluates and keeps the parameter average")
struct TrainerAveragingTests {
    @Test("with averaging the kept network is the average, not the last step's parameters")
    func keepsTheAverage() throws {
        let options = ToyTraining.options(epochs: 1)
        #expect(options.averagingDecay == 0.999 && options.selection == .slots)
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        var state = trainer.initialState()
        #expect(trainer.run(&state) == .maxEpochs)
        let average = try #require(state.average)
        #expect(average.updates == 5)
        #expect(state.history.map(\.improved) == [true])
        #expect(ToyTraining.bits(state.best) == ToyTraining.bits(average.value))
        #expect(ToyTraining.bits(state.best) != ToyTraining.bits(state.network))
        #expect(state.bestScore == trainer.evaluate(average.value).f1)
    }

    @Test("averaging decay 0 keeps the raw parameters; joint selection scores the mean of slot F1 and intent accuracy")
    func withoutAveraging() throws {
        var options = ToyTraining.options(epochs: 1)
        options.averagingDecay = 0
        options.selection = .joint
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        var state = trainer.initialState()
        #expect(trainer.run(&state) == .maxEpochs)
        #expect(state.average == nil)
        #expect(ToyTraining.bits(state.best) == ToyTraining.bits(state.network))
        #expect(state.bestScore == ModelSelection.joint.score(trainer.evaluate(state.network)))
    }
}
