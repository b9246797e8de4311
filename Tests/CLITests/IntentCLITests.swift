import Foundation
import Testing

@Suite("tagger tag intents and fallback, evaluator confidence figures, end to end")
struct IntentCLITests {
    static let utterances = "show me flights from boston to denver\nwhat is the cheapest fare to dallas\n\nplay some jazz\n"

    static func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func ranking(_ object: [String: Any]) throws -> [(name: String, confidence: Double)] {
        let entries = try #require(object["intent_ranking"] as? [[String: Any]])
        return try entries.map { (try #require($0["name"] as? String), try #require($0["confidence"] as? Double)) }
    }

    @Test("jsonl records rank the 10 best intents, best first, the first being the intent; --intent-ranking K, 0 for none")
    func intentRanking() throws {
        let result = try TaggerTagTests.tag([], input: Array(Self.utterances.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let records = try Self.objects(result.stdout)
        #expect(records.count == 4)
        for record in records where !(record["intent"] is NSNull) {
            let ranking = try Self.ranking(record)
            let intent = try #require(record["intent"] as? [String: Any])
            #expect(ranking.count == 10)
            #expect(ranking.first?.name == intent["label"] as? String)
            #expect(ranking.first?.confidence == intent["confidence"] as? Double)
            #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
            #expect(Set(ranking.map(\.name)).count == 10)
        }
        #expect(try Self.ranking(records[2]).isEmpty, "an empty line has no intent and an empty ranking")
        let three = try Self.objects(TaggerTagTests.tag(["--intent-ranking", "3"], input: Array(Self.utterances.utf8)).stdout)
        #expect(try Self.ranking(three[0]).map(\.name) == Self.ranking(records[0]).prefix(3).map(\.name))
        let none = try Self.objects(TaggerTagTests.tag(["--intent-ranking", "0"], input: Array(Self.utterances.utf8)).stdout)
        #expect(none.allSatisfy { ($0["intent_ranking"] as? [Any])?.isEmpty == true })
    }

    @Test("--fallback-threshold 1 answers nlu_fallback at confidence 1 and keeps the ranking; a bad threshold is a usage error")
    func fallback() throws {
        let plain = try Self.objects(TaggerTagTests.tag([], input: Array(Self.utterances.utf8)).stdout)
        let result = try TaggerTagTests.tag(["--fallback-threshold", "1"], input: Array(Self.utterances.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let records = try Self.objects(result.stdout)
        for (record, original) in zip(records, plain) where !(record["intent"] is NSNull) {
            let intent = try #require(record["intent"] as? [String: Any])
            #expect(intent["label"] as? String == "nlu_fallback")
            #expect(intent["confidence"] as? Double == 1)
            #expect(try Self.ranking(record).map(\.name) == Self.ranking(original).map(\.name))
        }
        let inline = try TaggerTagTests.tag(["--fallback-threshold", "1", "--format", "inline"], input: Array("to denver\n".utf8))
        #expect(inline.stdout.hasSuffix(" => nlu_fallback (1.0)\n"))
        let unchanged = try TaggerTagTests.tag(["--fallback-threshold", "0"], input: Array(Self.utterances.utf8))
        let plainOutput = try TaggerTagTests.tag([], input: Array(Self.utterances.utf8)).stdout
        #expect(unchanged.stdout == plainOutput)
        let bad = try TaggerTagTests.tag(["--fallback-threshold", "1.5"], input: Array(Self.utterances.utf8))
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--fallback-threshold must be a probability between 0 and 1."))
    }

    @Test("A CoNLL file given as text stops with 65, one line naming file:line and --input-format conll, and no records")
    func conllAsText() throws {
        let path = try CLIRunner.temporaryFile(Array("# intent = atis_flight\nfrom\tO\nboston\tB-fromloc.city_name\n\n".utf8), name: "data.conll")
        let result = try TaggerTagTests.tag([path])
        #expect(result.status == 65)
        #expect(result.stderr == "tagger: error: \(path):2: this looks like an annotated CoNLL file (token<TAB>label lines), "
            + "not one utterance per line; tag it with --input-format conll\n")
        #expect(try Self.objects(result.stdout).count == 1, "only the comment line before it was tagged")
        let asCoNLL = try TaggerTagTests.tag(["--input-format", "conll", path])
        #expect(asCoNLL.status == 0)
    }

    @Test("evaluator --model reports calibration, --out-of-domain the separation, --plot writes an SVG diagram")
    func evaluatorConfidence() throws {
        let model = try TaggerTestModel.directory()
        let data = try ATISSubset(trainCount: 50, devCount: 40)
        defer { data.remove() }
        let snips = try ATISSubset.blocks(CLIRunner.repositoryRoot.appendingPathComponent("corpora/snips/test.conll").path)
        let other = try CLIRunner.temporaryFile(Array((snips.prefix(30).joined(separator: "\n\n") + "\n").utf8), name: "snips.conll")
        let plot = data.directory + "/reliability.svg"
        let result = try CLIRunner.run("evaluator", [
            "--model", model, "--test", data.dev, "--out-of-domain", other, "--fallback-threshold", "0.7", "--plot", plot, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        let calibration = try #require(object["calibration"] as? [String: Any])
        let intents = try #require(calibration["intents"] as? [String: Any])
        #expect(intents["count"] as? Int == data.devCount)
        #expect((try #require(intents["bins"] as? [Any])).count == 10)
        #expect((0...100).contains(try #require(intents["expectedCalibrationError"] as? Double)))
        let separation = try #require(object["outOfDomain"] as? [String: Any])
        #expect(separation["inDomainCount"] as? Int == data.devCount)
        #expect(separation["outOfDomainCount"] as? Int == 30)
        #expect(separation["threshold"] as? Double == 0.7)
        #expect((0...1).contains(try #require(separation["areaUnderROC"] as? Double)))
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("intents: ECE"))
        let text = try CLIRunner.run("evaluator", ["--model", model, "--test", data.dev, "--out-of-domain", other])
        #expect(text.stdout.contains("intent confidence: ECE "))
        #expect(text.stdout.contains("out of domain: AUROC "))
        let misuse = try CLIRunner.run("evaluator", ["--gold", data.dev, "--predicted", data.dev, "--plot", plot])
        #expect(misuse.status == 64)
    }

    @Test("evaluator --fit-temperature stores temperatures in config.json alone; weights, card and scores stay the same")
    func fitTemperature() throws {
        let source = try TaggerTestModel.directory()
        let data = try ATISSubset(trainCount: 200, devCount: 40)
        defer { data.remove() }
        let model = data.directory + "/model"
        try FileManager.default.copyItem(atPath: source, toPath: model)
        let weights = try Data(contentsOf: URL(fileURLWithPath: model + "/model.safetensors"))
        let card = try Data(contentsOf: URL(fileURLWithPath: model + "/README.md"))
        let before = try CLIRunner.run("evaluator", ["--model", model, "--test", data.dev, "--json", "--uncalibrated"])
        let fitted = try CLIRunner.run("evaluator", ["--model", model, "--fit-temperature", "--dev", data.dev])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        #expect(fitted.stdout.isEmpty)
        #expect(fitted.stderr.contains("intent temperature"))
        let config = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: model + "/config.json"))) as? [String: Any])
        let calibration = try #require((config["model"] as? [String: Any])?["calibration"] as? [String: Any])
        #expect((try #require(calibration["intentTemperature"] as? Double)) > 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model + "/model.safetensors")) == weights)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model + "/README.md")) == card)
        let after = try CLIRunner.run("evaluator", ["--model", model, "--test", data.dev, "--json"])
        #expect(after.status == 0, "\(after.stderr)")
        let scores = { (output: Data) throws -> [Double?] in
            let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            return ["f1", "precision", "recall", "intentAccuracy"].map { object[$0] as? Double }
        }
        #expect(try scores(before.output) == scores(after.output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: model).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
