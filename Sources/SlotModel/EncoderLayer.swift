import SlotMath
import SlotLayers

/// One bidirectional layer of the word-level encoder, with the cell the
/// architecture chose.
package enum EncoderLayer: ParameterSet {
    /// A bidirectional LSTM layer.
    case lstm(BiLSTM)
    /// A bidirectional GRU layer.
    case gru(BiGRU)
    /// A bidirectional LSTM layer with coupled input and forget gates.
    case cifg(BiCIFG)

    /// What a layer's forward pass keeps for its backward pass.
    package enum Cache: Sendable {
        /// An LSTM layer's cache.
        case lstm(BiLSTM.Cache)
        /// A GRU layer's cache.
        case gru(BiGRU.Cache)
        /// A CIFG layer's cache.
        case cifg(BiCIFG.Cache)
    }

    /// Creates a freshly initialised layer of the given cell.
    package init(cell: Architecture.Cell, inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        switch cell {
        case .lstm: self = .lstm(BiLSTM(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator))
        case .gru: self = .gru(BiGRU(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator))
        case .cifg: self = .cifg(BiCIFG(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator))
        }
    }

    /// Visits the layer's parameters (`leftToRight.*`, `rightToLeft.*`).
    ///
    /// The payload is moved out of `self` while it is visited, so that its
    /// matrices stay uniquely referenced and are changed in place (binding it
    /// from `switch self` would copy every matrix that `body` changes).
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        switch consume self {
        case .lstm(var layer):
            defer { self = .lstm(layer) }
            try layer.visitParameters(body)
        case .gru(var layer):
            defer { self = .gru(layer) }
            try layer.visitParameters(body)
        case .cifg(var layer):
            defer { self = .cifg(layer) }
            try layer.visitParameters(body)
        }
    }

    /// Keeps the layer's weights laid out for inference (``RecurrentLayer/prepareForInference()``),
    /// moving the payload out while it changes, as ``visitParameters(_:)`` does.
    package mutating func prepareForInference() {
        switch consume self {
        case .lstm(var layer):
            layer.prepareForInference()
            self = .lstm(layer)
        case .gru(var layer):
            layer.prepareForInference()
            self = .gru(layer)
        case .cifg(var layer):
            layer.prepareForInference()
            self = .cifg(layer)
        }
    }

    /// Runs the layer over a batch: outputs `N × 2H` and the cache. `strategy`
    /// says how the matrix products are computed (``GEMM/Strategy``).
    package func forward(
        _ input: Matrix, layout: SequenceLayout, strategy: GEMM.Strategy = .blas
    ) -> (output: Matrix, cache: Cache) {
        switch self {
        case .lstm(let layer):
            let (output, cache) = layer.forward(input, layout: layout, strategy: strategy)
            return (output, .lstm(cache))
        case .gru(let layer):
            let (output, cache) = layer.forward(input, layout: layout, strategy: strategy)
            return (output, .gru(cache))
        case .cifg(let layer):
            let (output, cache) = layer.forward(input, layout: layout, strategy: strategy)
            return (output, .cifg(cache))
        }
    }

    /// Each direction's input projection of `input` (`N × D`), for
    /// ``forward(projections:layout:strategy:)``.
    package func inputProjections(_ input: Matrix, strategy: GEMM.Strategy) -> ProjectedInputs {
        switch self {
        case .lstm(let layer): layer.inputProjections(input, strategy: strategy)
        case .gru(let layer): layer.inputProjections(input, strategy: strategy)
        case .cifg(let layer): layer.inputProjections(input, strategy: strategy)
        }
    }

    /// Runs the layer at inference over projected inputs: the outputs `N × 2H`,
    /// the same bits as ``forward(_:layout:strategy:)`` on the inputs.
    package func forward(projections: ProjectedInputs, layout: SequenceLayout, strategy: GEMM.Strategy) -> Matrix {
        switch self {
        case .lstm(let layer): layer.forward(projections: projections, layout: layout, strategy: strategy)
        case .gru(let layer): layer.forward(projections: projections, layout: layout, strategy: strategy)
        case .cifg(let layer): layer.forward(projections: projections, layout: layout, strategy: strategy)
        }
    }

    /// Backpropagates `∂loss/∂output`: returns `∂loss/∂input` and the parameter gradient.
    package func backward(outputGradient: Matrix, cache: Cache) -> (inputGradient: Matrix, gradient: EncoderLayer) {
        switch (self, cache) {
        case let (.lstm(layer), .lstm(cache)):
            let (input, gradient) = layer.backward(outputGradient: outputGradient, cache: cache)
            return (input, .lstm(gradient))
        case let (.gru(layer), .gru(cache)):
            let (input, gradient) = layer.backward(outputGradient: outputGradient, cache: cache)
            return (input, .gru(gradient))
        case let (.cifg(layer), .cifg(cache)):
            let (input, gradient) = layer.backward(outputGradient: outputGradient, cache: cache)
            return (input, .cifg(gradient))
        default:
            preconditionFailure("an encoder layer's cache comes from a layer of the same cell")
        }
    }
}
