import Foundation
import SlotMath
import SlotModel

/// Saves and restores a ``TrainingState`` so that an interrupted run can be
/// continued with `trainer --resume DIR` to the same result as an
/// uninterrupted one.
///
/// A checkpoint is a directory with `state.json` (position, history, scores)
/// and `state.safetensors` (the network as `network.*`, the best network as
/// `best.*`, the parameter average as `average.*`, the optimiser's moments
/// as `optimizer.first.N` and `optimizer.second.N`). It is written to a temporary sibling and renamed
/// into place.
package enum Checkpoint {
    private struct Position: Codable {
        var epoch: Int
        var nextBatch: Int
        var epochLoss: Double
        var epochSeconds: Double
        var bestScore: Double
        var averageUpdates: Int?
        var epochsWithoutImprovement: Int
        var history: [EpochRecord]
        var optimizerStep: Int
        var optimizerRule: Optimizer.Rule
        var seed: UInt64
    }

    /// Writes `state` to `directory`, replacing what was there.
    package static func save(_ state: TrainingState, trainer: Trainer, to directory: String) throws {
        var tensors: [NamedTensor] = []
        for (name, value) in state.network.namedParameters {
            tensors.append(NamedTensor(name: "network." + name, shape: value.shape, values: value.scalars))
        }
        for (name, value) in state.best.namedParameters {
            tensors.append(NamedTensor(name: "best." + name, shape: value.shape, values: value.scalars))
        }
        for (name, value) in state.average?.value.namedParameters ?? [] {
            tensors.append(NamedTensor(name: "average." + name, shape: value.shape, values: value.scalars))
        }
        for (index, value) in state.optimizer.firstMoments.enumerated() {
            tensors.append(NamedTensor(name: "optimizer.first.\(index)", shape: value.shape, values: value.scalars))
        }
        for (index, value) in state.optimizer.secondMoments.enumerated() {
            tensors.append(NamedTensor(name: "optimizer.second.\(index)", shape: value.shape, values: value.scalars))
        }
        let position = Position(
            epoch: state.epoch, nextBatch: state.nextBatch, epochLoss: state.epochLoss,
            epochSeconds: state.epochSeconds, bestScore: state.bestScore, averageUpdates: state.average?.updates,
            epochsWithoutImprovement: state.epochsWithoutImprovement, history: state.history,
            optimizerStep: state.optimizer.step, optimizerRule: state.optimizer.rule, seed: trainer.options.seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let manager = FileManager.default
        let temporary = directory + ".partial"
        try? manager.removeItem(atPath: temporary)
        try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        try encoder.encode(position).write(to: URL(fileURLWithPath: temporary + "/state.json"))
        try Data(SafeTensors.encode(tensors)).write(to: URL(fileURLWithPath: temporary + "/state.safetensors"))
        try? manager.removeItem(atPath: directory)
        try manager.moveItem(atPath: temporary, toPath: directory)
    }

    /// Reads a checkpoint written by ``save(_:trainer:to:)`` for a trainer with the same data and options.
    /// - Throws: ``TrainingError/badCheckpoint(directory:detail:)`` when it is missing, damaged or from another run.
    package static func load(from directory: String, trainer: Trainer) throws -> TrainingState {
        let position: Position
        let tensors: [NamedTensor]
        do {
            let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/state.json"))
            position = try JSONDecoder().decode(Position.self, from: json)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/state.safetensors")))
            tensors = try SafeTensors.decode(bytes, path: directory + "/state.safetensors").tensors
        } catch let error as ModelBundleError {
            throw TrainingError.badCheckpoint(directory: directory, detail: error.description)
        } catch {
            throw TrainingError.badCheckpoint(directory: directory, detail: "state.json or state.safetensors is missing or unreadable")
        }
        guard position.seed == trainer.options.seed else {
            throw TrainingError.badCheckpoint(
                directory: directory, detail: "it was made with --seed \(position.seed), not \(trainer.options.seed)")
        }
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let fresh = trainer.initialState()
        func restore(_ network: TaggingNetwork, prefix: String) throws -> TaggingNetwork {
            var copy = network
            try copy.visitParameters { name, matrix in
                guard let tensor = byName[prefix + name], tensor.shape == matrix.shape else {
                    throw TrainingError.badCheckpoint(
                        directory: directory, detail: "tensor \(prefix + name) is missing or has another shape (different options or data?)")
                }
                matrix = Matrix(rows: matrix.rows, columns: matrix.columns, scalars: tensor.values)
            }
            return copy
        }
        func moments(_ kind: String) -> [Matrix] {
            (0...).lazy.map { byName["optimizer.\(kind).\($0)"] }.prefix { $0 != nil }.compactMap { $0 }
                .map { Matrix(rows: $0.shape[0], columns: $0.shape[1], scalars: $0.values) }
        }
        let optimizer = Optimizer(
            rule: position.optimizerRule, step: position.optimizerStep,
            firstMoments: moments("first"), secondMoments: moments("second"))
        var average: ParameterAverage<TaggingNetwork>?
        if let updates = position.averageUpdates, let decay = fresh.average?.decay {
            average = ParameterAverage(decay: decay, initial: try restore(fresh.network, prefix: "average."), updates: updates)
        } else if position.averageUpdates != nil || fresh.average != nil {
            throw TrainingError.badCheckpoint(
                directory: directory, detail: "it was made with another --averaging-decay (averaging on in one, off in the other)")
        }
        return TrainingState(
            network: try restore(fresh.network, prefix: "network."), optimizer: optimizer, average: average,
            epoch: position.epoch, nextBatch: position.nextBatch, epochLoss: position.epochLoss,
            epochSeconds: position.epochSeconds, best: try restore(fresh.best, prefix: "best."),
            bestScore: position.bestScore, epochsWithoutImprovement: position.epochsWithoutImprovement,
            history: position.history)
    }
}
