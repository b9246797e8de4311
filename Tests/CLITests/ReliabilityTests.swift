import Foundation
import Testing

/// Every file under a directory with its bytes: taken before and after a run
/// to prove that the run changed nothing it did not create.
struct DirectorySnapshot: Equatable {
    var files: [String: Data]

    init(_ root: String) {
        var files: [String: Data] = [:]
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let path = root + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[relative] = FileManager.default.contents(atPath: path) ?? Data()
                }
            }
        }
        self.files = files
    }
}

/// The failures of the reliability issue, each run end to end on the built
/// executables: the exit status, the one line on standard error, no signal,
/// no hang, and every pre-existing file as it was.
@Suite("Reliability: bad input of every kind gives one line and a sysexits code, and no user file changes")
struct ReliabilityTests {
    /// A training run's fixed arguments: tiny sizes, one epoch.
    static func trainerArguments(_ data: ATISSubset, output: String) -> [String] {
        ["--train", data.train, "--dev", data.dev, "--output", output, "--max-epochs", "1", "--plain-progress"] + ATISSubset.smallSizes
    }

    /// Checks one failed run: status, a single `tool: error: ` line with `fragment`, no signal, no hang.
    static func expectFailure(_ result: CLIRunner.Result, _ status: Int32, _ fragment: String, tool: String = "trainer",
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.signalled && !result.timedOut, "killed: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("\(tool): error: ") }
        #expect(errors.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(errors.first?.contains(fragment) == true, "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("trainer: sizes and rates out of range on the command line are usage errors (64) before anything is read",
          arguments: [
            (["--hidden-size", "0"], "--hidden-size: 0 is out of range"),
            (["--hidden-size", "-5"], "--hidden-size: -5 is out of range"),
            (["--word-dimension=-1"], "--word-dimension: -1 is out of range"),
            (["--char-filters", "0"], "--char-filters: 0 is out of range"),
            (["--clip-norm=-1"], "--clip-norm: -1.0 is out of range"),
            (["--hidden-size", "1000000000"], "--hidden-size: 1000000000 is out of range"),
            (["--learning-rate", "nan"], "--learning-rate: nan is out of range"),
            (["--learning-rate", "inf"], "--learning-rate: inf is out of range"),
            (["--learning-rate-decay=-1"], "--learning-rate-decay: -1.0 is out of range"),
            (["--intent-weight", "nan"], "--intent-weight: nan is out of range"),
            (["--layers", "9"], "--layers: 9 is out of range"),
            (["--threads", "0"], "--threads: 0 is out of range"),
            (["--dropout", "1"], "--dropout: 1.0 is out of range"),
            (["--hidden-size", "ten"], "--hidden-size: 'ten' is not an integer"),
            (["--no-such-option"], "--no-such-option: unknown option"),
          ])
    func commandLineValues(arguments: [String], message: String) throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let output = data.directory + "/model"
        let result = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output) + arguments)
        Self.expectFailure(result, 64, message)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("trainer --config: values out of range are data errors (65) naming the file and the key",
          arguments: [
            (#"{"batchSize": 0}"#, "batchSize is 0"),
            (#"{"dropout": 1}"#, "dropout is 1.0"),
            (#"{"averagingDecay": 1}"#, "averagingDecay is 1.0"),
            (#"{"architecture": {"characterWindow": 2}}"#, "architecture.characterWindow is 2; it must be odd"),
            (#"{"architecture": {"layers": 0}}"#, "architecture.layers is 0"),
            (#"{"architecture": {"layers": 9}}"#, "architecture.layers is 9"),
            (#"{"learningRate": -1}"#, "learningRate is -1.0"),
            (#"{"threads": 0}"#, "threads is 0"),
          ])
    func configValues(json: String, message: String) throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let config = try data.file("options.json", json)
        let output = data.directory + "/model"
        let result = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output) + ["--config", config])
        Self.expectFailure(result, 65, "\(config): bad configuration: \(message)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("trainer --config sets lazyWordUpdates and characterWindow, which now have options too")
    func configAndOptionsAgree() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let output = data.directory + "/model"
        let result = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output)
            + ["--lazy-word-updates", "--char-encoder", "cnn", "--char-window", "5", "--char-filters", "6"])
        #expect(result.status == 0, "\(result.stderr)")
        let config = try String(contentsOfFile: output + "/config.json", encoding: .utf8)
        #expect(config.contains(#""lazyWordUpdates" : "true""#))
        #expect(config.contains(#""characterWindow" : 5"#))
    }

    @Test("trainer: a JSONL record whose text has no token is an error naming file:line, not a trap",
          arguments: ["", "   ", "\u{00A0}", "\u{200B}"])
    func tokenlessRecord(text: String) throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let train = try data.file("train.jsonl", #"{"text": "from boston", "intent": "atis_flight", "slots": []}"#
            + "\n" + #"{"text": "\#(text)", "intent": "atis_flight", "slots": []}"# + "\n")
        let result = try CLIRunner.run("trainer", ["--train", train, "--dev", train, "--output", data.directory + "/m"]
            + ATISSubset.smallSizes)
        Self.expectFailure(result, 65, "\(train):2: the record's text has no tokens")
    }

    @Test("trainer: an empty dev set is an error")
    func emptyDevSet() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let dev = try data.file("empty.conll", "\n")
        let result = try CLIRunner.run("trainer", ["--train", data.train, "--dev", dev, "--output", data.directory + "/m"])
        Self.expectFailure(result, 65, "\(dev): the dev set has no sentences")
    }

    @Test("trainer --output: a file, a missing parent or / are refused before training, and nothing changes")
    func unwritableOutput() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let file = try data.file("notes.txt", "precious")
        let before = DirectorySnapshot(data.directory)
        for (output, fragment) in [
            (file, "exists and is not a model bundle"), (data.directory + "/absent/model", "parent directory"),
            ("/", "does not name a directory"),
        ] {
            let result = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output))
            Self.expectFailure(result, 74, fragment)
            #expect(!result.stderr.contains("training on"), "refused only after reading the data: \(result.stderr)")
        }
        #expect(DirectorySnapshot(data.directory) == before)
    }

    @Test("trainer --checkpoint: a user's directory or the --output directory is refused before training")
    func checkpointPaths() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let documents = data.directory + "/documents"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: false)
        _ = try data.file("documents/notes.txt", "precious")
        let before = DirectorySnapshot(data.directory)
        let output = data.directory + "/model"
        let user = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output) + ["--checkpoint", documents])
        Self.expectFailure(user, 74, "\(documents): cannot be used as the checkpoint directory")
        let same = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output) + ["--checkpoint", output + "/"])
        Self.expectFailure(same, 64, "is the --output directory")
        #expect(DirectorySnapshot(data.directory) == before)
    }

    @Test("trainer --output over a bundle keeps the files the trainer does not know, byte for byte")
    func outputKeepsOtherFiles() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let output = data.directory + "/model"
        #expect(try CLIRunner.run("trainer", Self.trainerArguments(data, output: output)).status == 0)
        _ = try data.file("model/test-scores.json", #"{"f1": 95.1}"#)
        _ = try data.file("model/notes.md", "my notes")
        let result = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output) + ["--seed", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let after = DirectorySnapshot(output)
        #expect(after.files["test-scores.json"] == Data(#"{"f1": 95.1}"#.utf8))
        #expect(after.files["notes.md"] == Data("my notes".utf8))
        #expect(Set(after.files.keys) == ["config.json", "model.safetensors", "README.md", "training.json", "training.svg",
                                          "test-scores.json", "notes.md"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.directory).filter { $0.hasPrefix(".model.") }.isEmpty)
    }

    @Test("trainer: a loss that becomes infinite stops the run naming epoch and batch, and the good model stays")
    func divergence() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let output = data.directory + "/model"
        #expect(try CLIRunner.run("trainer", Self.trainerArguments(data, output: output)).status == 0)
        let before = DirectorySnapshot(data.directory)
        // Finite vectors so large that the first products overflow to infinity.
        let words = try String(contentsOfFile: data.train, encoding: .utf8).split(separator: "\n")
            .compactMap { $0.split(separator: "\t").first }.filter { !$0.hasPrefix("#") }
        let vectors = try data.file("huge.vec", Set(words).map { "\($0) " + Array(repeating: "3e38", count: 16).joined(separator: " ") }
            .joined(separator: "\n") + "\n")
        let result = try CLIRunner.run("trainer", Self.trainerArguments(data, output: output) + ["--embeddings", vectors])
        Self.expectFailure(result, 65, "training diverged at epoch 1, batch 1: the loss is not finite; nothing was written")
        var after = DirectorySnapshot(data.directory)
        after.files["huge.vec"] = nil
        #expect(after == before)
    }

    /// A copy of the shipped ATIS model whose `config.json` is changed by `edit`.
    static func damagedModel(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: CLIRunner.repositoryRoot.appendingPathComponent("models/atis-en").path, toPath: directory)
        let url = URL(fileURLWithPath: directory + "/config.json")
        var config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&config)
        try JSONSerialization.data(withJSONObject: config).write(to: url)
        return directory
    }

    static func settingArchitecture(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { config in
            var model = config["model"] as? [String: Any] ?? [:]
            var architecture = model["architecture"] as? [String: Any] ?? [:]
            architecture[key] = value
            model["architecture"] = architecture
            config["model"] = model
        }
    }

    static func duplicatingFirst(_ key: String) -> (inout [String: Any]) -> Void {
        { config in
            var model = config["model"] as? [String: Any] ?? [:]
            var featurizer = model["featurizer"] as? [String: Any] ?? [:]
            var names = featurizer[key] as? [String] ?? []
            names.append(names.first ?? "x")
            featurizer[key] = names
            model["featurizer"] = featurizer
            config["model"] = model
        }
    }

    @Test("tagger: a bundle whose config.json has impossible sizes or duplicate labels is refused (65) before allocating",
          arguments: [
            ("hiddenSize", 0, "architecture.hiddenSize is 0"), ("hiddenSize", -1, "architecture.hiddenSize is -1"),
            ("hiddenSize", 5000, "architecture.hiddenSize is 5000"), ("wordDimension", 1 << 40, "architecture.wordDimension is"),
            ("layers", -1, "architecture.layers is -1"), ("characterWindow", 0, "architecture.characterWindow is 0"),
          ])
    func damagedArchitecture(key: String, value: Int, message: String) throws {
        let model = try Self.damagedModel(Self.settingArchitecture(key, value))
        defer { try? FileManager.default.removeItem(atPath: model) }
        let before = DirectorySnapshot(model)
        let result = try CLIRunner.run("tagger", ["tag", "--model", model], input: Array("from boston\n".utf8), timeLimit: 60)
        Self.expectFailure(result, 65, message, tool: "tagger")
        #expect(DirectorySnapshot(model) == before)
    }

    @Test("tagger: a calibration temperature outside the fitted range is refused (65), not an internal error",
          arguments: [("intentTemperature", -0.0), ("intentTemperature", 0.0), ("slotTemperature", -1.5),
                      ("slotTemperature", 1e-30), ("intentTemperature", 1e30)])
    func damagedCalibration(key: String, value: Double) throws {
        // Found by scripts/fuzz.py: -0.0 made every intent confidence NaN and a slot temperature of
        // 1e-30 every token confidence infinite, which JSON cannot hold (status 70).
        let model = try Self.damagedModel { config in
            var model = config["model"] as? [String: Any] ?? [:]
            var calibration = model["calibration"] as? [String: Any] ?? [:]
            calibration[key] = value
            model["calibration"] = calibration
            config["model"] = model
        }
        defer { try? FileManager.default.removeItem(atPath: model) }
        let result = try CLIRunner.run("tagger", ["tag", "--model", model], input: Array("from boston\n".utf8), timeLimit: 60)
        Self.expectFailure(result, 65, "calibration.\(key)", tool: "tagger")
    }

    @Test("tagger: duplicate labels or intents in config.json are refused (65)", arguments: ["labels", "intents"])
    func duplicateNames(key: String) throws {
        let model = try Self.damagedModel(Self.duplicatingFirst(key))
        defer { try? FileManager.default.removeItem(atPath: model) }
        let result = try CLIRunner.run("tagger", ["tag", "--model", model], input: Array("from boston\n".utf8), timeLimit: 60)
        Self.expectFailure(result, 65, "twice", tool: "tagger")
    }

    @Test("tagger: a FIFO in place of a bundle file is refused at once, not waited on",
          arguments: ["config.json", "model.safetensors", "README.md"])
    func fifoInBundle(name: String) throws {
        let model = try Self.damagedModel { _ in }
        defer { try? FileManager.default.removeItem(atPath: model) }
        try FileManager.default.removeItem(atPath: model + "/" + name)
        #expect(mkfifo(model + "/" + name, 0o644) == 0)
        let result = try CLIRunner.run("tagger", ["tag", "--model", model], input: Array("from boston\n".utf8), timeLimit: 20)
        Self.expectFailure(result, 66, "not a regular file", tool: "tagger")
    }

    @Test("tagger tag --nbest: huge values are usage errors, not overflow traps or gigabytes")
    func nBestLimits() throws {
        for value in ["9223372036854775807", "1000000", "101", "0"] {
            let result = try CLIRunner.run("tagger", ["tag", "--model", try TaggerTestModel.directory(), "--nbest", value],
                                           input: Array("from boston to denver\n".utf8))
            #expect(result.status == 64 && !result.signalled, "\(value): \(result.stderr)")
        }
        let result = try CLIRunner.run("tagger", ["tag", "--model", try TaggerTestModel.directory(), "--nbest", "100"],
                                       input: Array("from boston to denver\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("tagger tag --max-tokens: a longer utterance stops the run with its line, after the earlier records")
    func maxTokens() throws {
        let long = Array(repeating: "boston", count: 1001).joined(separator: " ")
        let result = try CLIRunner.run("tagger", ["tag", "--model", try TaggerTestModel.directory()],
                                       input: Array("from boston\n\(long)\nto denver\n".utf8))
        Self.expectFailure(result, 65, "<stdin>:2: 1001 tokens, more than --max-tokens 1000", tool: "tagger")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let raised = try CLIRunner.run("tagger", ["tag", "--model", try TaggerTestModel.directory(), "--max-tokens", "2000"],
                                       input: Array("\(long)\n".utf8))
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test("evaluator and tagger: standard output that cannot be written is exit 74")
    func fullStandardOutput() throws {
        let gold = CLIRunner.repositoryRoot.appendingPathComponent("corpora/atis/dev.conll").path
        let evaluator = try CLIRunner.run("evaluator", ["--gold", gold, "--predicted", gold], outputPath: "/dev/full")
        Self.expectFailure(evaluator, 74, "<stdout>: write failed", tool: "evaluator")
        let tagger = try CLIRunner.run("tagger", ["tokenize"], input: Array("from boston\n".utf8), outputPath: "/dev/full")
        Self.expectFailure(tagger, 74, "<stdout>: write failed", tool: "tagger")
    }

    @Test("evaluator --gold with JSONL files reads spans, not one-token CoNLL lines")
    func evaluatorReadsJSONL() throws {
        let gold = try CLIRunner.temporaryFile(Array((#"{"text": "from boston to denver", "slots": [{"start": 5, "end": 11, "label": "city"}]}"# + "\n").utf8), name: "gold.jsonl")
        let result = try CLIRunner.run("evaluator", ["--gold", gold, "--predicted", gold, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""city""#) && result.stdout.contains(#""f1": 100"#), "\(result.stdout)")
    }

    @Test("trainer: SIGTERM saves a checkpoint like SIGINT and exits 143")
    func sigterm() throws {
        let data = try ATISSubset()
        defer { data.remove() }
        let output = data.directory + "/model"
        let executable = try CLIRunner.productsDirectory(containing: "trainer").appendingPathComponent("trainer")
        let errorPath = data.directory + "/stderr"
        try #require(FileManager.default.createFile(atPath: errorPath, contents: nil))
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = Self.trainerArguments(data, output: output) + ["--max-epochs", "50", "--patience", "50"]
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if ((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "").contains("trainer: epoch 1") { break }
            usleep(10_000)
        }
        process.terminate()
        process.waitUntilExit()
        let errors = try String(contentsOfFile: errorPath, encoding: .utf8)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143, "\(errors)")
        #expect(errors.contains("trainer: terminated: checkpoint saved to \(output).checkpoint"))
        #expect(FileManager.default.fileExists(atPath: output + ".checkpoint/state.json"))
    }
}
