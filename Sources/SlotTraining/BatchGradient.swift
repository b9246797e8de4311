import SlotMath
import SlotModel

/// The gradient of one batch as the trainer combines it: the word table's part
/// as sparse rows, every other parameter dense.
///
/// Summing the workers' gradients, scaling, clipping and the optimiser's step
/// then cost the batch's rows of the word table instead of the whole table,
/// and give the same bits as the dense gradient would.
struct BatchGradient: Sendable {
    /// The name of the word table in the network's visiting order.
    static let wordTable = "words.table"

    /// The gradient of every parameter but the word table, whose entry is empty (`0 × D`).
    var network: TaggingNetwork
    /// The gradient of the word table.
    var words: SparseRows

    /// Adds another worker's gradient.
    mutating func add(_ other: BatchGradient) {
        network.add(other.network)
        words.add(other.words)
    }

    /// Multiplies every element by `factor` (finite, not negative).
    mutating func scale(by factor: Float) {
        network.scale(by: factor)
        words.scale(by: factor)
    }

    /// Every tensor's gradient in the network's visiting order, for ``Optimizer``.
    var tensors: [Optimizer.TensorGradient] {
        denseTensors.map { $0 ?? .rows(words) }
    }

    /// The gradients of the dense tensors in the network's visiting order, with
    /// `nil` in the word table's place (a ``ShardedWordTable`` updates it).
    var denseTensors: [Optimizer.TensorGradient?] {
        let tensors: [Optimizer.TensorGradient?] = network.namedParameters.map {
            $0.name == Self.wordTable ? nil : .dense($0.value)
        }
        precondition(network.namedParameters.filter { $0.name == Self.wordTable }.map(\.value.count) == [0],
                     "the network gradient holds an empty word table")
        return tensors
    }

    /// The Euclidean norm of all elements, summed tensor by tensor in visiting
    /// order as ``ParameterSet/globalNorm`` sums the dense gradient.
    var globalNorm: Double {
        tensors.reduce(0) { sum, tensor in
            switch tensor {
            case .dense(let matrix): sum + matrix.squaredNorm
            case .rows(let rows): sum + rows.squaredNorm
            }
        }.squareRoot()
    }

    /// Scales the gradient down so that its norm is at most `maximumNorm`,
    /// as ``ParameterSet/clipNorm(to:)`` does.
    mutating func clipNorm(to maximumNorm: Double) {
        let norm = globalNorm
        if norm > maximumNorm, norm.isFinite {
            scale(by: Float(maximumNorm / norm))
        }
    }
}
