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

    /// Four ATIS-style sentences; Nairobi, Beijing and Shanghai never occur in ATIS's training data,
    /// so the shipped model's vocabulary has 6 of the gold chunks (boston, denver, tomorrow,
    /// san francisco, pittsburgh, new york) and lacks 3.
    static let vocabularyTest = """
        # intent = atis_flight
        i\tO\nwant\tO\nto\tO\nfly\tO\nfrom\tO\nnairobi\tB-fromloc.city_name\nto\tO\nboston\tB-toloc.city_name

        # intent = atis_flight
        show\tO\nme\tO\nflights\tO\nfrom\tO\ndenver\tB-fromloc.city_name\nto\tO\nbeijing\tB-toloc.city_name
        tomorrow\tB-depart_date.today_relative

        # intent = atis_flight
        flights\tO\nfrom\tO\nsan\tB-fromloc.city_name\nfrancisco\tI-fromloc.city_name\nto\tO\npittsburgh\tB-toloc.city_name

        # intent = atis_flight
        what\tO\nflights\tO\nleave\tO\nshanghai\tB-fromloc.city_name\nfor\tO\nnew\tB-toloc.city_name\nyork\tI-toloc.city_name

        """

    @Test("--model models/atis-en prints in- and out-of-vocabulary chunk scores that add up to the overall counts")
    func vocabularySplit() throws {
        let model = CLIRunner.repositoryRoot.appendingPathComponent("models/atis-en").path
        let test = try CLIRunner.temporaryFile(Array(Self.vocabularyTest.utf8), name: "test.conll")
        let text = try CLIRunner.run("evaluator", ["--model", model, "--test", test])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count > 3)
        let overall = try #require(lines[0].wholeMatch(of: /processed 29 tokens with (\d+) phrases; found: (\d+) phrases; correct: (\d+)\./))
        let classCounts = /(?:in|out-of)-vocabulary chunks: (\d+) gold, (\d+) found, (\d+) correct; precision: .*/
        let known = try #require(lines[2].wholeMatch(of: classCounts), "\(lines[2])")
        let unknown = try #require(lines[3].wholeMatch(of: classCounts), "\(lines[3])")
        #expect(lines[2].hasPrefix("in-vocabulary chunks: 6 gold, ") && lines[3].hasPrefix("out-of-vocabulary chunks: 3 gold, "))
        func number(_ digits: Substring) throws -> Int { try #require(Int(digits)) }
        #expect(try number(known.1) + number(unknown.1) == number(overall.1), "gold")
        #expect(try number(known.2) + number(unknown.2) == number(overall.2), "found")
        #expect(try number(known.3) + number(unknown.3) == number(overall.3), "correct")

        let json = try CLIRunner.run("evaluator", ["--model", model, "--test", test, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: json.output) as? [String: Any])
        let split = try #require(object["vocabularySplit"] as? [String: [String: Any]])
        let inVocabulary = try #require(split["inVocabulary"]), outOfVocabulary = try #require(split["outOfVocabulary"])
        for (member, total) in [("support", "goldChunks"), ("found", "foundChunks"), ("correct", "correctChunks")] {
            let sum = try #require(inVocabulary[member] as? Int) + (try #require(outOfVocabulary[member] as? Int))
            #expect(sum == object[total] as? Int, "\(member)")
        }
        #expect(inVocabulary["support"] as? Int == 6 && outOfVocabulary["support"] as? Int == 3)
        for score in [inVocabulary, outOfVocabulary] {
            for member in ["precision", "recall", "f1"] { #expect((0...100).contains(try #require(score[member] as? Double))) }
        }

        let files = try CLIRunner.run("evaluator", ["--gold", test, "--predicted", test, "--json"])
        #expect(files.status == 0, "\(files.stderr)")
        let filesObject = try #require(try JSONSerialization.jsonObject(with: files.output) as? [String: Any])
        #expect(filesObject["vocabularySplit"] == nil, "predictions read from files come without a vocabulary")
        #expect(!(try CLIRunner.run("evaluator", ["--gold", test, "--predicted", test]).stdout.contains("vocabulary chunks")))
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
