import Foundation
import SlotTagger
import Testing

@Suite("tagger tag, end to end")
struct TaggerTagTests {
    /// The sample utterances, one per line.
    static let samples: [String] = {
        let url = CLIRunner.repositoryRoot.appendingPathComponent("corpora/samples/sentences.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }()

    /// Runs `tagger` with the test model as the default model.
    static func tag(_ arguments: [String], input: [UInt8] = []) throws -> CLIRunner.Result {
        try CLIRunner.run("tagger", ["tag"] + arguments, input: input, environment: ["SLOT_TAGGER_MODEL": TaggerTestModel.directory()])
    }

    /// One JSONL record, parsed.
    struct Record {
        var text: String
        var tokens: [(text: String, start: Int, end: Int, label: String, confidence: Double)]
        var slots: [(label: String, text: String, start: Int, end: Int, confidence: Double)]
        var intent: (label: String, confidence: Double)?
        var nBest: [(probability: Double, labels: [String])]

        init(_ line: Substring) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            text = try #require(object["text"] as? String)
            let tokenObjects = try #require(object["tokens"] as? [[String: Any]])
            tokens = try tokenObjects.map {
                (try #require($0["text"] as? String), try #require($0["start"] as? Int), try #require($0["end"] as? Int),
                 try #require($0["label"] as? String), try #require($0["confidence"] as? Double))
            }
            let slotObjects = try #require(object["slots"] as? [[String: Any]])
            slots = try slotObjects.map {
                (try #require($0["label"] as? String), try #require($0["text"] as? String), try #require($0["start"] as? Int),
                 try #require($0["end"] as? Int), try #require($0["confidence"] as? Double))
            }
            if let intentObject = object["intent"] as? [String: Any] {
                intent = (try #require(intentObject["label"] as? String), try #require(intentObject["confidence"] as? Double))
            } else {
                #expect(object["intent"] is NSNull)
            }
            nBest = try ((object["nbest"] as? [[String: Any]]) ?? []).map {
                (try #require($0["probability"] as? Double), try #require($0["labels"] as? [String]))
            }
        }

        /// `text[start..<end]` counting Unicode scalars, as Python slices a `str`.
        func scalars(_ start: Int, _ end: Int) -> String {
            let scalars = Array(text.unicodeScalars)
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }
    }

    static func records(_ output: String) throws -> [Record] {
        try output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(Record.init)
    }

    @Test("No options: jsonl records for the sample sentences, in order, with the tokenizer's tokens and consistent slots")
    func defaultJSONL() throws {
        let result = try Self.tag(["corpora/samples/sentences.txt"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let records = try Self.records(result.stdout)
        #expect(records.map(\.text) == Self.samples)
        #expect(records.count == 20)
        var slotCount = 0
        for record in records {
            let tokens = Tokenizer().tokenize(record.text)
            #expect(record.tokens.map(\.text) == tokens.map { String($0.text) })
            #expect(record.tokens.map(\.start) == tokens.map(\.scalarOffsets.lowerBound))
            #expect(record.tokens.map(\.end) == tokens.map(\.scalarOffsets.upperBound))
            #expect(record.tokens.allSatisfy { $0.confidence > 0 && $0.confidence <= 1 })
            let beginnings = record.tokens.filter { $0.label.hasPrefix("B-") }
            #expect(record.slots.count == beginnings.count)
            for (slot, first) in zip(record.slots, beginnings) {
                slotCount += 1
                #expect(slot.start == first.start)
                #expect(slot.label == String(first.label.dropFirst(2)))
                #expect(record.scalars(slot.start, slot.end) == slot.text)
                #expect(slot.confidence > 0 && slot.confidence <= 1)
            }
            #expect(record.intent?.label.hasPrefix("atis_") == true)
        }
        #expect(slotCount > 20)
    }

    @Test("conll and inline formats say what jsonl says")
    func conllAndInline() throws {
        let records = try Self.records(try Self.tag(["--format", "jsonl", "corpora/samples/sentences.txt"]).stdout)
        let conll = try Self.tag(["--format", "conll", "corpora/samples/sentences.txt"])
        #expect(conll.status == 0)
        let sentences = conll.stdout.components(separatedBy: "\n\n").dropLast()
        #expect(sentences.count == records.count)
        for (sentence, record) in zip(sentences, records) {
            var lines = sentence.split(separator: "\n").map(String.init)
            #expect(lines.removeFirst() == "# intent = \(record.intent?.label ?? "")")
            #expect(lines == record.tokens.map { "\($0.text)\t\($0.label)" })
        }

        let inline = try Self.tag(["--format", "inline", "corpora/samples/sentences.txt"])
        #expect(inline.status == 0)
        let lines = inline.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == records.count)
        for (line, record) in zip(lines, records) {
            var expected = ""
            var position = 0
            for slot in record.slots {
                expected += record.scalars(position, slot.start) + "[\(slot.text)]{\(slot.label)}"
                position = slot.end
            }
            expected += record.scalars(position, record.text.unicodeScalars.count)
            let intent = try #require(record.intent)
            let rounded = (intent.confidence * 100).rounded() / 100
            #expect(line == expected + " => \(intent.label) (\(rounded))")
        }
    }

    @Test("Re-tagging a test corpus: conll output scored by evaluator --gold/--predicted equals evaluator --model/--test")
    func evaluatorAgrees() throws {
        let model = try TaggerTestModel.directory()
        let test = "corpora/atis/test.conll"
        let tagged = try Self.tag(["--input-format", "conll", "--format", "conll", test])
        #expect(tagged.status == 0)
        let predicted = try CLIRunner.temporaryFile(Array(tagged.output), name: "predicted.conll")
        let fromFiles = try CLIRunner.run("evaluator", ["--gold", test, "--predicted", predicted, "--json"])
        let fromModel = try CLIRunner.run("evaluator", ["--model", model, "--test", test, "--json"])
        #expect(fromFiles.status == 0)
        #expect(fromModel.status == 0)
        // The model's report adds the calibration of its confidences and the split by its vocabulary,
        // which predictions in a file do not carry.
        var modelReport = try #require(try JSONSerialization.jsonObject(with: fromModel.output) as? [String: Any])
        #expect(modelReport.removeValue(forKey: "calibration") != nil)
        #expect(modelReport.removeValue(forKey: "vocabularySplit") != nil)
        let fileReport = try #require(try JSONSerialization.jsonObject(with: fromFiles.output) as? [String: Any])
        #expect(NSDictionary(dictionary: modelReport) == NSDictionary(dictionary: fileReport))
        #expect(fromFiles.stdout.contains("\"f1\""))
        // The intent lines are the predicted ones, not the gold ones: the tiny model gets some wrong.
        let gold = try String(contentsOfFile: CLIRunner.repositoryRoot.appendingPathComponent(test).path, encoding: .utf8)
        let intentLines = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("# intent = ") } }
        #expect(intentLines(tagged.stdout).count == intentLines(gold).count)
        #expect(intentLines(tagged.stdout) != intentLines(gold))
    }

    @Test("JSONL offsets count Unicode scalars: every slot and token is its text's scalar slice, in any script")
    func multilingualOffsets() throws {
        let lines = [
            "flights from Zürich to Montréal on Tuesday 🛫 please",
            "I want to fly from 北京 to 上海 tomorrow morning",
            "show me flights from São Paulo to Boston 👍🏽👨‍👩‍👧 on the 3rd",
            "from Москва to Αθήνα before 5 pm",
            "",
            "我想明天从北京飞往上海",
        ]
        let result = try Self.tag([], input: Array(lines.joined(separator: "\n").utf8))
        #expect(result.status == 0)
        let records = try Self.records(result.stdout)
        #expect(records.map(\.text) == lines)
        var slots = 0
        for record in records {
            for token in record.tokens { #expect(record.scalars(token.start, token.end) == token.text) }
            for slot in record.slots {
                slots += 1
                #expect(record.scalars(slot.start, slot.end) == slot.text)
            }
        }
        // The tiny test model finds only some slots; the offsets of those it finds are what is checked.
        #expect(slots >= 1)
        #expect(records[4].tokens.isEmpty && records[4].slots.isEmpty && records[4].intent == nil)
    }

    @Test("--nbest K adds K labellings, most probable first, the first being the tokens' labels")
    func nBest() throws {
        let result = try Self.tag(["--nbest", "3"], input: Array("flights from boston to denver\n".utf8))
        #expect(result.status == 0)
        let record = try #require(try Self.records(result.stdout).first)
        #expect(record.nBest.count == 3)
        #expect(record.nBest[0].labels == record.tokens.map(\.label))
        #expect(record.nBest.map(\.probability) == record.nBest.map(\.probability).sorted(by: >))
        #expect(Set(record.nBest.map(\.labels)).count == 3)
    }

    @Test("--pretokenized splits at spaces only")
    func pretokenized() throws {
        let result = try Self.tag(["--pretokenized"], input: Array("fly from new-york to st.louis , please\n".utf8))
        #expect(result.status == 0)
        let record = try #require(try Self.records(result.stdout).first)
        #expect(record.tokens.map(\.text) == ["fly", "from", "new-york", "to", "st.louis", ",", "please"])
    }

    @Test("Invalid UTF-8 stops with 65 naming file:line after the earlier records; --lossy tags on")
    func invalidUTF8() throws {
        let path = try CLIRunner.temporaryFile(Array("to boston\n".utf8) + [0x61, 0xFF, 0x0A] + Array("never\n".utf8))
        let result = try Self.tag(["--format", "conll", path])
        #expect(result.status == 65)
        #expect(result.stdout.hasSuffix("\n\n"))
        let tokenLines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("# intent = ") }
        #expect(tokenLines.map { $0.split(separator: "\t")[0] } == ["to", "boston"])
        #expect(result.stderr
            == "tagger: error: \(path):2: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv), or pass --lossy to replace invalid bytes with U+FFFD\n")
        let lossy = try Self.tag(["--lossy", "--format", "inline", path])
        #expect(lossy.status == 0)
        #expect(lossy.stdout.split(separator: "\n").count == 3)
        #expect(lossy.stderr == "tagger: replaced invalid UTF-8 with U+FFFD in 1 line (first at \(path):2)\n")
    }

    @Test("Missing input, missing or broken models and bad options give one line and the sysexits status")
    func errors() throws {
        let missing = try Self.tag(["/nonexistent/input.txt"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "tagger: error: /nonexistent/input.txt: cannot open: No such file or directory; check the path and its permissions\n")

        let noModel = try Self.tag(["--model", "/nonexistent/model"], input: Array("hi\n".utf8))
        #expect(noModel.status == 66)
        #expect(noModel.stderr.hasPrefix("tagger: error: /nonexistent/model"))
        #expect(noModel.stderr.split(separator: "\n").count == 1)

        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: try TaggerTestModel.directory())
        for file in ["config.json", "README.md"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: broken.appendingPathComponent(file))
        }
        var weights = try Data(contentsOf: source.appendingPathComponent("model.safetensors"))
        weights[weights.count - 1] ^= 0xFF
        try weights.write(to: broken.appendingPathComponent("model.safetensors"))
        let corrupt = try Self.tag(["--model", broken.path], input: Array("hi\n".utf8))
        #expect(corrupt.status == 65)
        #expect(corrupt.stderr.hasPrefix("tagger: error: "))
        #expect(corrupt.stderr.contains("model.safetensors"))
        #expect(corrupt.stderr.split(separator: "\n").count == 1)

        let usage = try Self.tag(["--nbest", "2", "--format", "conll"])
        #expect(usage.status == 64)
        #expect(usage.stderr.hasPrefix("Error: --nbest needs --format jsonl."))
    }
}
