import Foundation
import SlotCorpus
import SlotModel
import SlotTestSupport
import SlotTraining
import Testing

/// The library's training entry point, end to end on files: the toy corpus
/// written as CoNLL, a bundle written and loaded, a checkpoint on request,
/// bad options refused before anything is written.
@Suite("TrainingJob trains from files to a bundle, as trainer does", .tags(.slow), .skippedWhenFast)
struct TrainingJobTests {
    /// The options of ``ToyTraining/options(epochs:threads:dropout:)``, as a command line.
    static let toyOptions = [
        "--word-dimension", "12", "--char-dimension", "6", "--char-hidden-size", "6", "--hidden-size", "12",
        "--batch-size", "4", "--learning-rate", "0.02", "--learning-rate-decay", "0", "--dropout", "0",
        "--unknown-word-dropout", "0", "--threads", "1", "--seed", "7",
    ]

    /// A directory with the toy corpus as `train.conll` and `dev.conll`.
    static func corpusDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("job-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["train.conll", "dev.conll"] {
            try CoNLLWriter().write(ToySlotCorpus.sentences, toFile: directory + "/" + name)
        }
        return directory
    }

    static func job(in directory: String, epochs: Int) -> TrainingJob {
        var job = TrainingJob(train: directory + "/train.conll", dev: directory + "/dev.conll", output: directory + "/model")
        job.options = toyOptions + ["--max-epochs", String(epochs), "--patience", String(epochs)]
        job.command = "TrainingJobTests"
        return job
    }

    @Test("writes a bundle that loads and tags, reports notes and every epoch, records the command")
    func trainsAndWrites() throws {
        let directory = try Self.corpusDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var notes: [String] = [], epochs: [Int] = [], batches = 0
        let outcome = try Self.job(in: directory, epochs: 3).run { event in
            switch event {
            case .note(let line): notes.append(line)
            case .warning(let line): Issue.record("unexpected warning: \(line)")
            case .batch: batches += 1
            case .epoch(let record): epochs.append(record.epoch)
            }
        }
        #expect(outcome.stopReason == .maxEpochs)
        #expect(outcome.directory == directory + "/model")
        #expect(outcome.epochs.map(\.epoch) == [1, 2, 3] && epochs == [1, 2, 3])
        #expect(batches == 3 * ((ToySlotCorpus.sentences.count + 3) / 4))
        #expect(notes.contains { $0.hasPrefix("training on \(ToySlotCorpus.sentences.count) sentences") })
        #expect(notes.last == "model written to \(directory)/model")
        for file in ["config.json", "model.safetensors", "README.md", "training.json", "training.svg"] {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/model/\(file)"), "missing \(file)")
        }
        let tagger = try Tagger(contentsOf: outcome.directory)
        #expect(tagger.tag("show me flights from boston to denver").tokens.count == 7)
        let report = try String(contentsOfFile: directory + "/model/training.json", encoding: .utf8)
        #expect(report.contains("\"command\" : \"TrainingJobTests\""))
        let best = try #require(outcome.bestEpoch)
        #expect(best.devF1 == outcome.epochs.filter(\.improved).last?.devF1)
    }

    @Test("stopping saves a checkpoint, not a model, and resuming ends where an uninterrupted run does")
    func checkpointsAndResumes() throws {
        let directory = try Self.corpusDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var batches = 0
        let stopped = try Self.job(in: directory, epochs: 2).run(
            events: { if case .batch = $0 { batches += 1 } }, shouldStop: { batches == 3 })
        #expect(stopped.stopReason == .interrupted)
        #expect(stopped.directory == directory + "/model.checkpoint")
        #expect(!FileManager.default.fileExists(atPath: directory + "/model"))

        var resumed = Self.job(in: directory, epochs: 2)
        resumed.resume = stopped.directory
        resumed.output = directory + "/resumed"
        let finished = try resumed.run()
        let whole = try Self.job(in: directory, epochs: 2).run()
        #expect(finished.epochs.map(\.devF1) == whole.epochs.map(\.devF1))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/resumed/model.safetensors"))
            == Data(contentsOf: URL(fileURLWithPath: directory + "/model/model.safetensors")))
    }

    @Test("bad options and paths are refused before training, with trainer's errors")
    func refusesBadInput() throws {
        let directory = try Self.corpusDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var job = Self.job(in: directory, epochs: 1)
        job.options += ["--hidden-size", "0"]
        #expect(throws: TrainingError.self) { try job.run() }

        job = Self.job(in: directory, epochs: 1)
        job.options += ["--no-such-option"]
        #expect(throws: TrainingError.invalidOption(option: "--no-such-option", detail: "unknown option")) { try job.run() }

        job = Self.job(in: directory, epochs: 1)
        job.checkpoint = job.output + "/"
        #expect(throws: TrainingError.self) { try job.run() }

        job = Self.job(in: directory, epochs: 1)
        job.train = directory + "/absent.conll"
        #expect(throws: (any Error).self) { try job.run() }
        #expect(!FileManager.default.fileExists(atPath: job.output))
    }
}
