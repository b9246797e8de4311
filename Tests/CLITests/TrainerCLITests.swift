import Foundation
import SlotTestSupport
import Testing

@Suite("trainer, end to end", .tags(.slow), .skippedWhenFast)
struct TrainerCLITests {
    @Test("trains two epochs and writes the bundle, training.json and training.svg")
    func trains() throws {
        let data = try ATISSubset()
        defer { data.remove() }
        let output = data.directory + "/model"
        let result = try CLIRunner.run("trainer", [
            "--train", data.train, "--dev", data.dev, "--output", output, "--max-epochs", "2",
        ] + ATISSubset.smallSizes)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("trainer: training on 300 sentences (\(data.train)), dev \(data.devCount) sentences"))
        #expect(result.stderr.contains("trainer: model written to \(output)"))
        for file in ["config.json", "model.safetensors", "README.md", "training.json", "training.svg"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + file), "\(file) missing")
        }
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: output + "/training.json"))) as? [String: Any])
        let epochs = try #require(report["epochs"] as? [[String: Any]])
        #expect(epochs.map { $0["epoch"] as? Int } == [1, 2])
        #expect(epochs.allSatisfy { $0["devF1"] is Double && $0["trainLoss"] is Double })
        let svg = try String(contentsOfFile: output + "/training.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(!FileManager.default.fileExists(atPath: output + ".checkpoint"))
    }

    @Test("a missing training file: exit 66 and one line naming it")
    func missingTrainFile() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let missing = data.directory + "/absent.conll"
        let result = try CLIRunner.run("trainer", ["--train", missing, "--dev", data.dev, "--output", data.directory + "/m"])
        #expect(result.status == 66)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("trainer: error: \(missing): cannot open") == true, "\(result.stderr)")
    }

    @Test("a malformed line: exit 65 naming file:line")
    func malformedLine() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let bad = try data.file("bad.conll", "# intent = atis_flight\nfrom\tO\nboston\n")
        let result = try CLIRunner.run("trainer", ["--train", bad, "--dev", data.dev, "--output", data.directory + "/m"])
        #expect(result.status == 65)
        #expect(result.stderr == "trainer: error: \(bad):3: token without a label; write `token<TAB>label`\n")
    }

    @Test("a dev label the training set lacks: exit 65 naming file:line, accepted with --allow-unseen-dev-labels")
    func unseenDevLabel() throws {
        let data = try ATISSubset(trainCount: 30, devCount: 5)
        defer { data.remove() }
        let dev = try data.file("unseen.conll", "# intent = atis_flight\nfrom\tO\nboston\tB-fromloc.city_name\n\n"
            + "# intent = atis_flight\nfly\tO\nunited\tB-airline_name_never_seen\n")
        let arguments = ["--train", data.train, "--dev", dev, "--output", data.directory + "/m", "--max-epochs", "1"]
            + ATISSubset.smallSizes
        let refused = try CLIRunner.run("trainer", arguments)
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("trainer: error: \(dev):5: label 'B-airline_name_never_seen' does not occur in the training data"),
                "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        let accepted = try CLIRunner.run("trainer", arguments + ["--allow-unseen-dev-labels"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains(
            "trainer: warning: \(dev):5: 'B-airline_name_never_seen' does not occur in the training data; the model cannot predict it"))
    }

    @Test("a --config file with an unknown key: exit 65 naming the file and the key")
    func configUnknownKey() throws {
        let data = try ATISSubset(trainCount: 20, devCount: 5)
        defer { data.remove() }
        let config = try data.file("options.json", #"{"maxEpochs": 1, "hiddenSize": 8}"#)
        let result = try CLIRunner.run("trainer", [
            "--train", data.train, "--dev", data.dev, "--output", data.directory + "/m", "--config", config])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("trainer: error: \(config): bad configuration: unknown option 'hiddenSize'; known options: "),
                "\(result.stderr)")
        let missing = try CLIRunner.run("trainer", [
            "--train", data.train, "--dev", data.dev, "--output", data.directory + "/m", "--config", data.directory + "/none.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "trainer: error: \(data.directory)/none.json: configuration file not found or unreadable; check the path\n")
    }

    @Test("SIGINT saves a checkpoint and exits 130; --resume finishes and writes the model")
    func interruptAndResume() throws {
        let data = try ATISSubset()
        defer { data.remove() }
        let output = data.directory + "/model"
        let arguments = ["--train", data.train, "--dev", data.dev, "--output", output, "--max-epochs", "12",
                         "--patience", "12", "--plain-progress"] + ATISSubset.smallSizes
        let executable = try CLIRunner.productsDirectory(containing: "trainer").appendingPathComponent("trainer")
        let errorPath = data.directory + "/stderr"
        try #require(FileManager.default.createFile(atPath: errorPath, contents: nil))
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var sawProgress = false
        while process.isRunning && Date() < deadline {
            let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            if text.contains("trainer: epoch 1: ") {
                sawProgress = true
                break
            }
            usleep(10_000)
        }
        #expect(sawProgress)
        process.interrupt()
        process.waitUntilExit()
        let errors = try String(contentsOfFile: errorPath, encoding: .utf8)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(errors)")
        let checkpoint = output + ".checkpoint"
        #expect(errors.contains("trainer: interrupted: checkpoint saved to \(checkpoint); continue with the same options and --resume \(checkpoint)"))
        #expect(FileManager.default.fileExists(atPath: checkpoint + "/state.json"))
        #expect(FileManager.default.fileExists(atPath: checkpoint + "/state.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: output + "/config.json"))

        let resumed = try CLIRunner.run("trainer", arguments + ["--resume", checkpoint])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.hasPrefix("trainer: resuming \(checkpoint) at epoch "))
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: output + "/training.json"))) as? [String: Any])
        #expect((report["epochs"] as? [Any])?.count == 12)
        #expect(FileManager.default.fileExists(atPath: output + "/model.safetensors"))
    }
}
