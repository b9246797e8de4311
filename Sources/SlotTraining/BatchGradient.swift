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

    /// The workers' gradients summed and scaled by `factor` (finite, not
    /// negative), the dense tensors spread over `threads` workers.
    ///
    /// Each tensor is summed by one worker with the operations of
    /// ``ParameterSet/add(_:scaledBy:)`` and then ``scale(by:)``, so the bits
    /// are those of the serial sum.
    static func sum(_ parts: [BatchGradient], scaledBy factor: Float, threads: Int) -> BatchGradient {
        let tensors = parts.map { $0.network.namedParameters.map(\.value) }
        let sums = Workers.mapBalanced(costs: tensors[0].map(\.count), threads: threads) { index -> Matrix in
            var sum = tensors[0][index]
            for part in tensors.dropFirst() { sum.add(part[index]) }
            sum.scale(by: factor)
            return sum
        }
        var network = parts[0].network
        var index = 0
        network.visitParameters { _, matrix in
            matrix = sums[index]
            index += 1
        }
        var words = parts[0].words
        for part in parts.dropFirst() { words.add(part.words) }
        words.scale(by: factor)
        return BatchGradient(network: network, words: words)
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
    /// order as ``ParameterSet/globalNorm`` sums the dense gradient; the
    /// tensors' sums of squares are taken on `threads` workers.
    func globalNorm(threads: Int) -> Double {
        let tensors = self.tensors
        let costs = tensors.map { tensor in
            switch tensor {
            case .dense(let matrix): matrix.count
            case .rows(let rows): rows.values.count
            }
        }
        let squares = Workers.mapBalanced(costs: costs, threads: threads) { index in
            switch tensors[index] {
            case .dense(let matrix): matrix.squaredNorm
            case .rows(let rows): rows.squaredNorm
            }
        }
        return squares.reduce(0, +).squareRoot()
    }

    /// Scales the gradient down so that its norm is at most `maximumNorm`,
    /// as ``ParameterSet/clipNorm(to:)`` does.
    @discardableResult
    mutating func clipNorm(to maximumNorm: Double, threads: Int) -> Double {
        let norm = globalNorm(threads: threads)
        if norm > maximumNorm, norm.isFinite {
            scale(by: Float(maximumNorm / norm))
        }
        return norm
    }
}
