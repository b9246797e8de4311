import Foundation

extension TrainingOptions {
    /// Reads options from a JSON object (a `trainer --config` file): keys
    /// missing from the object keep their defaults; unknown keys are an error,
    /// so that a misspelt option is not silently ignored.
    /// - Throws: ``TrainingError/badConfiguration(file:detail:)``.
    package static func load(jsonFile path: String, over base: TrainingOptions = TrainingOptions()) throws -> TrainingOptions {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TrainingError.missingFile(path, role: "configuration")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TrainingError.badConfiguration(file: path, detail: "not a JSON object")
        }
        var merged = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(base)) as? [String: Any] ?? [:]
        let known = Set(merged.keys).union(["timeLimit", "embeddings"])
        for (key, value) in object {
            guard known.contains(key) else {
                throw TrainingError.badConfiguration(
                    file: path, detail: "unknown option '\(key)'; known options: \(known.sorted().joined(separator: ", "))")
            }
            if key == "architecture", let nested = value as? [String: Any], var current = merged[key] as? [String: Any] {
                for (innerKey, innerValue) in nested {
                    guard current[innerKey] != nil else {
                        throw TrainingError.badConfiguration(
                            file: path, detail: "unknown architecture option '\(innerKey)'; known: \(current.keys.sorted().joined(separator: ", "))")
                    }
                    current[innerKey] = innerValue
                }
                merged[key] = current
            } else {
                merged[key] = value
            }
        }
        do {
            return try JSONDecoder().decode(TrainingOptions.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch {
            throw TrainingError.badConfiguration(file: path, detail: "a value has the wrong type (\(error))")
        }
    }

    /// Every option as `name: value` text, sorted by name, for printing at the
    /// start of training and storing in the model's provenance.
    package var summary: [String: String] {
        var result: [String: String] = [:]
        let mirror = Mirror(reflecting: self)
        for child in mirror.children {
            guard let label = child.label else { continue }
            if label == "architecture" {
                for inner in Mirror(reflecting: architecture).children {
                    if let innerLabel = inner.label { result["architecture.\(innerLabel)"] = "\(inner.value)" }
                }
            } else if let optional = child.value as? OptionalDescribable {
                result[label] = optional.describedValue
            } else {
                result[label] = "\(child.value)"
            }
        }
        return result
    }
}

/// Prints optionals as their value or `none` rather than `Optional(…)`.
private protocol OptionalDescribable {
    var describedValue: String { get }
}

extension Optional: OptionalDescribable {
    fileprivate var describedValue: String {
        switch self {
        case .some(let value): return "\(value)"
        case .none: return "none"
        }
    }
}
