import FoundationEssentials
import SlotTagger

/// What `GET /models` says about one model: its name, where it came from,
/// the labels and intents it gives, its architecture and its model card's
/// training record (command, data, seed, dev scores).
struct ModelDescription: Encodable, Sendable {
    var name: String
    var isDefault: Bool
    var directory: String
    var generation: Int
    var loadedAt: String
    var slotTypes: [String]
    var labels: [String]
    var intents: [String]
    var architecture: Architecture
    var training: TrainingRecord?

    private enum CodingKeys: String, CodingKey {
        case name, isDefault = "default", directory, generation, loadedAt, slotTypes, labels, intents, architecture, training
    }

    /// The description of `model`.
    init(_ model: ServedModel, isDefault: Bool) {
        name = model.name
        self.isDefault = isDefault
        directory = model.directory
        generation = model.generation
        loadedAt = model.loadedAt.formatted(.iso8601)
        labels = model.tagger.labels
        var seen = Set<String>()
        slotTypes = labels.compactMap { label in
            guard label.hasPrefix("B-") || label.hasPrefix("I-") else { return nil }
            let type = String(label.dropFirst(2))
            return seen.insert(type).inserted ? type : nil
        }
        intents = model.tagger.intents
        architecture = model.tagger.configuration.architecture
        training = model.tagger.configuration.training
    }
}

/// The body of `GET /models`.
struct ModelList: Encodable, Sendable {
    var defaultModel: String
    var models: [ModelDescription]

    private enum CodingKeys: String, CodingKey {
        case defaultModel = "default", models
    }

    init(_ registry: ModelRegistry) {
        defaultModel = registry.defaultName
        models = registry.all.map { ModelDescription($0, isDefault: $0.name == registry.defaultName) }
    }
}
