#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SlotIO

extension TrainingOptions {
    /// Reads options from a JSON object (a `trainer --config` file) over
    /// `base`: keys missing from the object keep their values; unknown keys
    /// are an error, so that a misspelt option is not silently ignored. Keys
    /// are those of a bundle's `hyperparameters` (see ``hyperparameters``),
    /// with architecture values either dotted (`"architecture.hiddenSize"`) or
    /// nested (`{"architecture": {"hiddenSize": 200}}`). The values are not
    /// validated here: call ``validate()`` once every source is applied.
    ///
    /// - Throws: ``TrainingError/missingFile(_:role:)`` or ``TrainingError/badConfiguration(file:detail:)``.
    package static func load(jsonFile path: String, over base: TrainingOptions = TrainingOptions()) throws(TrainingError) -> TrainingOptions {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw .missingFile(path, role: "configuration")
        }
        let entries: [String: ConfigEntry]
        do {
            entries = try JSONDecoder().decode([String: ConfigEntry].self, from: Data(bytes))
        } catch {
            throw .badConfiguration(file: path, detail: "not a JSON object")
        }
        let byKey = Dictionary(hyperparameters.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let topLevel = byKey.keys.filter { !$0.hasPrefix("architecture.") } + ["architecture"]
        let nested = byKey.keys.filter { $0.hasPrefix("architecture.") }.map { String($0.dropFirst("architecture.".count)) }
        var options = base
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            switch entry {
            case .object(let inner):
                guard key == "architecture" else {
                    throw .badConfiguration(file: path, detail: "a value has the wrong type ('\(key)' is an object)")
                }
                for (innerKey, value) in inner.sorted(by: { $0.key < $1.key }) {
                    guard let option = byKey["architecture." + innerKey] else {
                        throw .badConfiguration(
                            file: path, detail: "unknown architecture option '\(innerKey)'; known: \(nested.sorted().joined(separator: ", "))")
                    }
                    try apply(option, value, to: &options, file: path)
                }
            case .scalar(let value):
                guard let option = byKey[key] else {
                    throw .badConfiguration(
                        file: path, detail: "unknown option '\(key)'; known options: \(topLevel.sorted().joined(separator: ", "))")
                }
                try apply(option, value, to: &options, file: path)
            }
        }
        return options
    }

    private static func apply(
        _ option: Hyperparameter, _ value: JSONScalar, to options: inout TrainingOptions, file: String
    ) throws(TrainingError) {
        guard option.decode(&options, value) else {
            throw .badConfiguration(file: file, detail: "a value has the wrong type: '\(option.key)' must be \(option.kind)")
        }
    }
}

/// A value of a `--config` file: a scalar, or the nested `architecture` object.
private enum ConfigEntry: Decodable {
    case scalar(JSONScalar)
    case object([String: JSONScalar])

    init(from decoder: any Decoder) throws {
        if let object = try? [String: JSONScalar](from: decoder) {
            self = .object(object)
        } else {
            self = .scalar(try JSONScalar(from: decoder))
        }
    }
}
