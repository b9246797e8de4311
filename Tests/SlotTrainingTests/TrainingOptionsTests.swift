import Foundation
import Testing
import SlotModel
import SlotTraining

@Suite("TrainingOptions.load(jsonFile:)")
struct TrainingOptionsTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("options-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("missing keys keep their defaults; given and nested architecture keys are applied")
    func merges() throws {
        let path = try Self.file(#"{"maxEpochs": 3, "optimizer": "sgd", "timeLimit": 12.5, "architecture": {"hiddenSize": 7, "output": "softmax"}}"#)
        let options = try TrainingOptions.load(jsonFile: path)
        var expected = TrainingOptions()
        expected.maxEpochs = 3
        expected.optimizer = .sgd
        expected.timeLimit = 12.5
        expected.architecture.hiddenSize = 7
        expected.architecture.output = .softmax
        #expect(options == expected)
        #expect(try TrainingOptions.load(jsonFile: try Self.file("{}")) == TrainingOptions())
    }

    @Test("an unknown key, also inside architecture, is an error naming it")
    func unknownKey() throws {
        let path = try Self.file(#"{"maxEpoch": 3}"#)
        #expect {
            try TrainingOptions.load(jsonFile: path)
        } throws: { error in
            guard case let TrainingError.badConfiguration(file, detail) = error else { return false }
            return file == path && detail.hasPrefix("unknown option 'maxEpoch'; known options: ") && detail.contains("maxEpochs")
        }
        let nested = try Self.file(#"{"architecture": {"hidden": 3}}"#)
        #expect {
            try TrainingOptions.load(jsonFile: nested)
        } throws: { error in
            guard case let TrainingError.badConfiguration(_, detail) = error else { return false }
            return detail.hasPrefix("unknown architecture option 'hidden'")
        }
    }

    @Test("a value of the wrong type, a non-object and a missing file are errors")
    func badValues() throws {
        for text in [#"{"maxEpochs": "ten"}"#, #"{"architecture": {"layers": true}}"#, #"{"seed": -1}"#] {
            let path = try Self.file(text)
            #expect {
                try TrainingOptions.load(jsonFile: path)
            } throws: { error in
                guard case let TrainingError.badConfiguration(file, detail) = error else { return false }
                return file == path && detail.hasPrefix("a value has the wrong type")
            }
        }
        let array = try Self.file("[1, 2]")
        #expect(throws: TrainingError.badConfiguration(file: array, detail: "not a JSON object")) {
            try TrainingOptions.load(jsonFile: array)
        }
        #expect(throws: TrainingError.missingFile("/nonexistent/options.json", role: "configuration")) {
            try TrainingOptions.load(jsonFile: "/nonexistent/options.json")
        }
    }

    @Test("summary lists every option with architecture keys dotted and none for absent values")
    func summary() {
        let summary = TrainingOptions().summary
        #expect(summary["maxEpochs"] == "30")
        #expect(summary["architecture.hiddenSize"] == "100")
        #expect(summary["timeLimit"] == "none")
        #expect(summary["optimizer"] == "adam")
    }
}
