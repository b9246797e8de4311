import Synchronization

/// The models the server serves, by name, in the order they were given; the
/// first is the default.
///
/// Each entry is an immutable ``ServedModel``. ``reload(_:)`` loads the new
/// tagger without holding the lock and then swaps the entry in one step: a
/// request that already took the old model finishes on it, a request that
/// comes after takes the new one, and none sees a half-loaded model.
package final class ModelRegistry: Sendable {
    /// The model names, in the order given; the first is the default.
    package let names: [String]
    private let models: Mutex<[String: ServedModel]>

    /// Creates a registry over loaded models.
    ///
    /// - Parameter models: at least one model, names unique.
    package init(_ models: [ServedModel]) {
        precondition(!models.isEmpty, "a registry needs at least one model")
        names = models.map(\.name)
        precondition(Set(names).count == names.count, "model names must be unique: \(names)")
        self.models = Mutex(Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0) }))
    }

    /// The name of the default model (the first one given).
    package var defaultName: String { names[0] }

    /// The current model named `name`, or the default model for `nil`.
    ///
    /// - Parameter name: the model's name, or `nil` for the default.
    /// - Throws: ``ServiceError`` `UnknownModel` (404) when no model has that name.
    package func model(named name: String?) throws(ServiceError) -> ServedModel {
        let name = name ?? defaultName
        guard let model = models.withLock({ $0[name] }) else {
            throw ServiceError.unknownModel(name, known: names)
        }
        return model
    }

    /// Every current model, in the order given.
    package var all: [ServedModel] {
        models.withLock { models in names.compactMap { models[$0] } }
    }

    /// Loads model `name` again from its directory and swaps it in.
    ///
    /// - Returns: the new model.
    /// - Throws: ``ServiceError`` (404) for an unknown name; the library's
    ///   errors when the bundle no longer loads (the old model then stays).
    @discardableResult
    package func reload(_ name: String) throws -> ServedModel {
        let current = try model(named: name)
        let fresh = try ServedModel(name: name, directory: current.directory, intentFallback: current.tagger.intentFallback)
        return models.withLock { models in
            let swapped = fresh.succeeding(models[name] ?? current)
            models[name] = swapped
            return swapped
        }
    }
}
