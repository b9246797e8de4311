import Foundation
import Testing
import SlotModel
@testable import SlotTraining

@Suite("TrainingOptions.hyperparameters: one declaration of every option")
struct HyperparameterTests {
    /// Every stored property of the options and of the architecture, by JSON key, found by reflection.
    static var storedKeys: Set<String> {
        var keys = Set<String>()
        for child in Mirror(reflecting: TrainingOptions()).children {
            guard let label = child.label else { continue }
            if label == "architecture" {
                for inner in Mirror(reflecting: Architecture()).children { inner.label.map { _ = keys.insert("architecture.\($0)") } }
            } else {
                keys.insert(label)
            }
        }
        return keys
    }

    @Test("every stored option is declared exactly once, with a unique command-line name and a help sentence")
    func declaredOnce() {
        let table = TrainingOptions.hyperparameters
        // The architecture's pretrained size is no option: it follows from --embeddings and --pretrained-words.
        #expect(Set(table.map(\.key)) == Self.storedKeys.subtracting(["architecture.pretrainedDimension"]))
        #expect(Set(table.map(\.key)).count == table.count)
        #expect(Set(table.map(\.option)).count == table.count)
        for option in table {
            #expect(option.help.hasSuffix(".") || option.help.hasSuffix(")."), "\(option.option)")
            #expect(!option.option.hasPrefix("-") && option.option == option.option.lowercased())
        }
    }

    @Test("the summary has the keys of the shipped models' provenance, with their text for the defaults")
    func summaryMatchesShippedProvenance() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("models/atis-en/config.json"))
        let config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let training = try #require((config["model"] as? [String: Any])?["training"] as? [String: Any])
        let shipped = try #require(training["hyperparameters"] as? [String: String])
        let summary = TrainingOptions().summary
        #expect(Set(summary.keys) == Set(shipped.keys))
        // Where the shipped recipe keeps the trainer's defaults (scripts/recipes.sh), the text agrees.
        for key in ["clipNorm", "intentWeight", "timeLimit", "pretrainedWords", "architecture.hiddenSize", "optimizer", "selection"] {
            #expect(summary[key] == shipped[key], "\(key)")
        }
    }

    @Test("help text states the default, and the choices of enumerations")
    func helpText() throws {
        let byOption = Dictionary(uniqueKeysWithValues: TrainingOptions.hyperparameters.map { ($0.option, $0) })
        #expect(try #require(byOption["hidden-size"]).helpText == "State size of each direction of the word BiLSTM. Default: 100.")
        #expect(try #require(byOption["optimizer"]).helpText == "The optimiser. One of sgd, adam or rmsprop. Default: adam.")
        #expect(try #require(byOption["time-limit"]).helpText == "Stop after this many seconds, keeping the best model so far.")
        #expect(try #require(byOption["keep-case"]).helpText.hasPrefix("Keep the case of words"))
    }

    @Test("parsing command-line text and JSON scalars reaches the same options")
    func parseAndDecodeAgree() throws {
        let byOption = Dictionary(uniqueKeysWithValues: TrainingOptions.hyperparameters.map { ($0.option, $0) })
        var fromText = TrainingOptions(), fromJSON = TrainingOptions()
        for (option, text, json) in [
            ("hidden-size", "7", JSONScalar.integer(7)), ("learning-rate", "0.5", .number(0.5)), ("cell", "gru", .string("gru")),
            ("seed", "18446744073709551615", .unsigned(.max)), ("time-limit", "12.5", .number(12.5)),
        ] {
            let entry = try #require(byOption[option])
            #expect(entry.parse(&fromText, text))
            #expect(entry.decode(&fromJSON, json))
        }
        #expect(fromText == fromJSON)
        #expect(fromText.architecture.hiddenSize == 7 && fromText.seed == .max && fromText.architecture.cell == .gru)
        var options = TrainingOptions()
        #expect(!(try #require(byOption["hidden-size"])).parse(&options, "7.5"))
        #expect(!(try #require(byOption["hidden-size"])).decode(&options, .bool(true)))
        #expect(!(try #require(byOption["cell"])).parse(&options, "rnn"))
        #expect(!(try #require(byOption["seed"])).decode(&options, .integer(-1)))
        #expect(options == TrainingOptions())
    }

    @Test("validation accepts the defaults and names the first value out of range by its JSON key")
    func validation() throws {
        try TrainingOptions().validate()
        func violation(_ change: (inout TrainingOptions) -> Void) -> String? {
            var options = TrainingOptions()
            change(&options)
            do {
                try options.validate()
                return nil
            } catch {
                return error.key
            }
        }
        #expect(violation { $0.architecture.hiddenSize = 0 } == "architecture.hiddenSize")
        #expect(violation { $0.architecture.hiddenSize = 1025 } == "architecture.hiddenSize")
        #expect(violation { $0.architecture.characterWindow = 4 } == "architecture.characterWindow")
        #expect(violation { $0.architecture.layers = 4 } == "architecture.layers")
        #expect(violation { $0.dropout = 1 } == "dropout")
        #expect(violation { $0.learningRate = .nan } == "learningRate")
        #expect(violation { $0.learningRate = 0 } == "learningRate")
        #expect(violation { $0.intentWeight = .infinity } == "intentWeight")
        #expect(violation { $0.timeLimit = -1 } == "timeLimit")
        #expect(violation { $0.threads = 0 } == "threads")
        #expect(violation { $0.architecture.characterDimension = 0 } == nil)
        #expect(violation { $0.slotDropout = 1 } == nil)
    }

    @Test("dotted architecture keys work in --config files as nested ones do")
    func dottedKeys() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("options-\(UUID().uuidString).json").path
        try Data(#"{"architecture.hiddenSize": 9, "lazyWordUpdates": true}"#.utf8).write(to: URL(fileURLWithPath: path))
        let options = try TrainingOptions.load(jsonFile: path)
        #expect(options.architecture.hiddenSize == 9 && options.lazyWordUpdates)
    }
}
