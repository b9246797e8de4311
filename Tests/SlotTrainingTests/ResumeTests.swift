import Foundation
import SlotModel
import SlotTestSupport
import SlotTraining
import Testing

@Suite("Interrupted training resumes exactly", .tags(.slow), .skippedWhenFast)
struct ResumeTests {
    @Test("stop mid-epoch 2, save, load, continue: same parameters and dev history as uninterrupted")
    func resume() throws {
        var options = ToyTraining.options(epochs: 3, threads: 2, dropout: 0.3)
        options.unknownWordDropout = 0.3
        options.learningRateDecay = 0.1
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))

        var uninterrupted = trainer.initialState()
        #expect(trainer.run(&uninterrupted) == .maxEpochs)

        var interrupted = trainer.initialState()
        var batches = 0
        let reason = trainer.run(&interrupted, events: { if case .batch = $0 { batches += 1 } },
                                 shouldStop: { batches == 5 + 2 })
        #expect(reason == .interrupted)
        #expect(interrupted.epoch == 1 && interrupted.nextBatch == 2)
        #expect(interrupted.history.count == 1)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Checkpoint.save(interrupted, trainer: trainer, to: directory)
        #expect(FileManager.default.fileExists(atPath: directory + "/state.json"))
        #expect(!FileManager.default.fileExists(atPath: directory + ".partial"))
        var resumed = try Checkpoint.load(from: directory, trainer: trainer)
        #expect(resumed.epoch == 1 && resumed.nextBatch == 2 && resumed.optimizer.step == 7)
        #expect(resumed.epochLoss == interrupted.epochLoss)
        #expect(trainer.run(&resumed) == .maxEpochs)

        #expect(ToyTraining.bits(resumed.network) == ToyTraining.bits(uninterrupted.network))
        #expect(ToyTraining.bits(resumed.best) == ToyTraining.bits(uninterrupted.best))
        let average = try #require(resumed.average), uninterruptedAverage = try #require(uninterrupted.average)
        #expect(ToyTraining.bits(average.value) == ToyTraining.bits(uninterruptedAverage.value))
        #expect(average.updates == uninterruptedAverage.updates && average.updates == 15)
        #expect(resumed.optimizer.firstMoments == uninterrupted.optimizer.firstMoments)
        #expect(resumed.history.map(\.devF1) == uninterrupted.history.map(\.devF1))
        #expect(resumed.history.map(\.devIntentAccuracy) == uninterrupted.history.map(\.devIntentAccuracy))
        #expect(resumed.history.map(\.trainLoss) == uninterrupted.history.map(\.trainLoss))
        #expect(resumed.bestScore == uninterrupted.bestScore)
    }

    @Test("a checkpoint from another seed or a missing one is refused")
    func badCheckpoint() throws {
        let options = ToyTraining.options(epochs: 1)
        let trainer = Trainer(options: options, data: try ToyTraining.data(options))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: TrainingError.badCheckpoint(
            directory: directory, detail: "state.json or state.safetensors is missing or unreadable")) {
            try Checkpoint.load(from: directory, trainer: trainer)
        }
        try Checkpoint.save(trainer.initialState(), trainer: trainer, to: directory)
        var other = options
        other.seed = 99
        let otherTrainer = Trainer(options: other, data: trainer.data)
        #expect(throws: TrainingError.badCheckpoint(directory: directory, detail: "it was made with --seed 7, not 99")) {
            try Checkpoint.load(from: directory, trainer: otherTrainer)
        }
        var unaveraged = options
        unaveraged.averagingDecay = 0
        #expect(throws: TrainingError.badCheckpoint(
            directory: directory, detail: "it was made with another --averaging-decay (averaging on in one, off in the other)")) {
            try Checkpoint.load(from: directory, trainer: Trainer(options: unaveraged, data: trainer.data))
        }
    }
}
