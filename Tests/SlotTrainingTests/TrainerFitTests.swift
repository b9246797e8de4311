import Testing
import SlotLayers
import SlotMath
import SlotModel
import SlotTestSupport
import SlotTraining

@Suite("Trainer fits the toy corpus")
struct TrainerFitTests {
    @Test("a tiny model reaches 100% token and intent accuracy on its training set; decoding is valid BIO")
    func fitsToyCorpus() throws {
        let options = ToyTraining.options(epochs: 25)
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        var state = trainer.initialState()
        var batches = 0, epochs: [EpochRecord] = []
        let reason = trainer.run(&state, events: { event in
            switch event {
            case .batch: batches += 1
            case .epoch(let record): epochs.append(record)
            case .note, .warning: Issue.record("the training loop reports progress only: \(event)")
            }
        })
        #expect(reason == .maxEpochs)
        #expect(batches == 25 * 5)
        #expect(epochs.map(\.epoch) == Array(1...25))
        #expect(state.history == epochs)
        #expect(epochs.last!.trainLoss < epochs.first!.trainLoss / 10)

        let featurizer = trainer.data.featurizer
        let predictions = Trainer.predict(
            state.network, sentences: trainer.data.train, constraints: trainer.constraints, threads: 2)
        var correct = 0, total = 0, correctIntents = 0
        for (prediction, sentence) in zip(predictions, trainer.data.train) {
            correct += zip(prediction.labelIds, sentence.labelIds!).filter { $0 == $1 }.count
            total += sentence.count
            if prediction.intentId == sentence.intentId { correctIntents += 1 }
            #expect(BruteForceCRF.isValidBIO(prediction.labelIds, names: featurizer.labels))
            #expect(trainer.constraints.isValid(prediction.labelIds))
        }
        #expect(correct == total, "token accuracy \(correct)/\(total)")
        #expect(correctIntents == trainer.data.train.count)
        let report = trainer.evaluate(state.network)
        #expect(report.f1 == 100 && report.intentAccuracy == 100)
        #expect(state.bestScore == 100)
    }

    @Test("constrained decoding never yields invalid BIO even from an untrained network")
    func constrainedDecodingIsValid() throws {
        let options = ToyTraining.options(epochs: 1)
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        var network = trainer.initialState().network
        // Scramble the emissions so that unconstrained argmax labels are often invalid.
        var generator = SlotMath.SplitMix64(seed: 3)
        network.emissions.weight = .uniform(
            rows: network.emissions.weight.rows, columns: network.emissions.weight.columns, bound: 3, using: &generator)
        let names = trainer.data.featurizer.labels
        let constrained = Trainer.predict(network, sentences: trainer.data.train, constraints: trainer.constraints, threads: 1)
        let free = Trainer.predict(network, sentences: trainer.data.train, constraints: nil, threads: 1)
        #expect(constrained.allSatisfy { BruteForceCRF.isValidBIO($0.labelIds, names: names) })
        #expect(free.contains { !BruteForceCRF.isValidBIO($0.labelIds, names: names) })
    }
}
