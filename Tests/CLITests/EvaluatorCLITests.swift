import Foundation
import Testing

@Suite("evaluator, end to end")
struct EvaluatorCLITests {
    @Test("--model --test --json scores a trained model")
    func scoresModel() throws {
        let data = try ATISSubset(trainCount: 200, devCount: 40)
        defer { data.remove() }
        let output = data.directory + "/model"
        let trained = try CLIRunner.run("trainer", [
            "--train", data.train, "--dev", data.dev, "--output", output, "--max-epochs", "1",
        ] + ATISSubset.smallSizes)
        #expect(trained.status == 0, "\(trained.stderr)")
        let result = try CLIRunner.run("evaluator", ["--model", output, "--test", data.dev, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        let f1 = try #require(object["f1"] as? Double)
        let intentAccuracy = try #require(object["intentAccuracy"] as? Double)
        #expect((0...100).contains(f1))
        #expect((0...100).contains(intentAccuracy))
        #expect(object["sentences"] as? Int == data.devCount)
    }

    @Test("--gold X --predicted X scores 100")
    func identicalFiles() throws {
        let data = try ATISSubset(trainCount: 50, devCount: 5)
        defer { data.remove() }
        let result = try CLIRunner.run("evaluator", ["--gold", data.train, "--predicted", data.train, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        #expect(object["f1"] as? Double == 100)
        #expect(object["precision"] as? Double == 100)
        #expect(object["recall"] as? Double == 100)
        #expect(object["intentAccuracy"] as? Double == 100)
        let text = try CLIRunner.run("evaluator", ["--gold", data.train, "--predicted", data.train])
        #expect(text.status == 0)
        #expect(text.stdout.contains("100.00"))
    }

    @Test("files with different sentence counts: exit 65 naming both")
    func mismatchedFiles() throws {
        let data = try ATISSubset(trainCount: 50, devCount: 5)
        defer { data.remove() }
        let result = try CLIRunner.run("evaluator", ["--gold", data.train, "--predicted", data.dev])
        #expect(result.status == 65)
        #expect(result.stderr == "evaluator: error: \(data.dev): \(data.devCount) sentences but \(data.train) has 50; "
            + "predict every gold sentence, in order\n")
    }

    @Test("an empty gold file: exit 65 naming it, not a score of zeros")
    func emptyGold() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evaluator-empty-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.conll").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let result = try CLIRunner.run("evaluator", ["--gold", empty, "--predicted", empty])
        #expect(result.status == 65)
        #expect(result.stderr == "evaluator: error: \(empty): no sentences to score; give a labelled CoNLL or JSONL file\n")
    }
}
