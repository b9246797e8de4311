import Foundation
import SlotIO
import SlotMath
import SlotModel

/// Saves and restores a ``TrainingState`` so that an interrupted run can be
/// continued with `trainer --resume DIR` to the same result as an
/// uninterrupted one.
///
/// A checkpoint is a directory with `state.json` (position, history, scores)
/// and `state.safetensors` (the network as `network.*`, the best network as
/// `best.*`, the parameter average as `average.*`, the optimiser's moments
/// as `optimizer.first.N` and `optimizer.second.N`). It is written with ``AtomicDirectory``:
/// into a temporary sibling, then exchanged with any earlier checkpoint in one step. Only an
/// absent path, an empty directory or a checkpoint (a directory whose `state.json` this type
/// wrote) is ever replaced.
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

    /// Writes `state` to `directory`, atomically replacing an earlier checkpoint there.
    ///
    /// - Throws: ``TrainingError/unwritableOutput(path:role:reason:)`` when something other
    ///   than a checkpoint is at the path, ``TrainingError/writeFailed(path:reason:)`` when
    ///   encoding or writing fails; the path is then as it was.
    package static func save(_ state: TrainingState, trainer: Trainer, to directory: String) throws(TrainingError) {
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
        let json: Data
        do {
            json = try encoder.encode(position)
        } catch {
            throw .writeFailed(path: directory, reason: "the state cannot be encoded (\(error))")
        }
        do {
            try AtomicDirectory.write(
                [("state.json", Array(json)), ("state.safetensors", SafeTensors.encode(tensors))],
                to: directory, recognises: isCheckpoint)
        } catch {
            throw Self.error(error, role: "checkpoint")
        }
    }

    /// Checks before training that a checkpoint can be saved at `directory`: its parent is
    /// writable and it is absent, an empty directory or an earlier checkpoint.
    ///
    /// - Throws: ``TrainingError/unwritableOutput(path:role:reason:)``.
    package static func checkWritable(_ directory: String) throws(TrainingError) {
        do {
            try AtomicDirectory.checkWritable(directory, recognises: isCheckpoint)
        } catch {
            throw Self.error(error, role: "checkpoint", beforeTraining: true)
        }
    }

    /// Whether a directory holds a checkpoint: its `state.json` decodes as one (the marker).
    private static func isCheckpoint(_ directory: String) -> Bool {
        guard let bytes = try? FileSystem.readFile(FileSystem.join(directory, "state.json")) else { return false }
        return (try? JSONDecoder().decode(Position.self, from: Data(bytes))) != nil
    }

    /// The training error for a failed directory write.
    static func error(_ error: DirectoryWriteError, role: String, beforeTraining: Bool = false) -> TrainingError {
        switch error {
        case let .notRecognised(path):
            .unwritableOutput(path: path, role: role, reason: "it exists and was not written by the trainer, so it is not replaced; choose another path or remove it")
        case let .foreignEntry(path, name):
            .unwritableOutput(path: path, role: role, reason: "it holds '\(name)', which is not a regular file that can be kept; move it away")
        case let .failed(path, reason):
            beforeTraining ? .unwritableOutput(path: path, role: role, reason: reason) : .writeFailed(path: path, reason: reason)
        }
    }

    /// Reads a checkpoint written by ``save(_:trainer:to:)`` for a trainer with the same data and options.
    /// - Throws: ``TrainingError/badCheckpoint(directory:detail:)`` when it is missing, damaged or from another run.
    package static func load(from directory: String, trainer: Trainer) throws -> TrainingState {
        let position: Position
        let tensors: [NamedTensor]
        do {
            let json = try FileSystem.readFile(FileSystem.join(directory, "state.json"))
            position = try JSONDecoder().decode(Position.self, from: Data(json))
            let bytes = try FileSystem.readFile(FileSystem.join(directory, "state.safetensors"))
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
                guard let tensor = byName[prefix + name], tensor.shape == matrix.shape, tensor.values.allSatisfy(\.isFinite) else {
                    throw TrainingError.badCheckpoint(
                        directory: directory, detail: "tensor \(prefix + name) is missing, has another shape (different options or data?) or holds NaN")
                }
                matrix = Matrix(rows: matrix.rows, columns: matrix.columns, scalars: tensor.values)
            }
            return copy
        }
        func moments(_ kind: String) throws -> [Matrix] {
            let tensors = (0...).lazy.map { byName["optimizer.\(kind).\($0)"] }.prefix { $0 != nil }.compactMap { $0 }
            return try tensors.map { tensor in
                guard tensor.shape.count == 2, tensor.values.allSatisfy(\.isFinite) else {
                    throw TrainingError.badCheckpoint(directory: directory, detail: "tensor \(tensor.name) is not a finite matrix")
                }
                return Matrix(rows: tensor.shape[0], columns: tensor.shape[1], scalars: tensor.values)
            }
        }
        let optimizer = Optimizer(
            rule: position.optimizerRule, step: position.optimizerStep,
            firstMoments: try moments("first"), secondMoments: try moments("second"))
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
