import SlotMath

/// A gated recurrent layer that reads a packed batch in one direction: what
/// ``Bidirectional`` needs of its cells, and what the batched passes shared by
/// every cell (``forward(_:layout:reversed:output:outputColumn:)`` and
/// ``backward(outputGradient:outputColumn:finalGradient:finalColumn:cache:inputGradient:)``)
/// need of a cell's arithmetic. ``LSTM``, ``GRU`` and ``CIFG`` conform.
///
/// Every cell packs its `G` gates' weights into two matrices, rows in the
/// cell's gate order, and computes per token
///
/// ```
/// a_t = W_x·x_t + b + W_h·h_{t−1}      (G·H pre-activations: the two products of the passes)
/// h_t, m_t = cell(a_t, bias, h_{t−1}, m_{t−1})   (the per-token arithmetic: ``forwardStep(_:)``)
/// ```
/// where `m_t` is what the cell keeps per token beyond its gates (the LSTM's
/// memory `c_t` and `tanh(c_t)`; the GRU's `W_hn·h_{t−1} + b_hn`). The passes do
/// the matrix products, the walk over time steps and all pointer handling;
/// a cell only supplies ``forwardStep(_:)`` and ``backwardStep(_:)`` for one
/// token's rows.
package protocol RecurrentLayer: ParameterSet {
    /// The number of gates `G`: the weights have `G·H` rows.
    static var gateCount: Int { get }
    /// The number of `H`-wide vectors a cell keeps per token beyond its gates.
    static var memoryCount: Int { get }
    /// Whether `h_{t−1}` reaches `h_t` other than through `W_h` (the GRU's
    /// `z ⊙ h_{t−1}`): the backward step then writes that part of `∂loss/∂h_{t−1}`,
    /// and the pass adds the part through `W_h` to it.
    static var hasDirectStatePath: Bool { get }
    /// Whether `W_h·h_{t−1}` enters the gates other than added to `W_x·x_t + b`
    /// (the GRU's reset gate scales part of it): the forward pass then hands it
    /// to the cell apart (``RecurrentForwardRows/recurrent``), and the backward
    /// pass keeps its gradient in rows of its own.
    static var hasSeparateRecurrentProduct: Bool { get }

    /// Creates a freshly initialised layer.
    init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64)
    /// Input-to-hidden weights, `G·H × D`.
    var inputWeight: Matrix { get }
    /// Hidden-to-hidden weights, `G·H × H`.
    var recurrentWeight: Matrix { get }
    /// The biases the per-token arithmetic reads, one row (``RecurrentForwardRows/bias``).
    var stepBias: Matrix { get }
    /// `W_hᵀ` for the direct kernel, kept by ``prepareForInference()``; `nil` while training.
    var recurrentWeightTransposed: Matrix? { get set }

    /// One token's forward arithmetic: reads the pre-activations, writes the
    /// activated gates, the kept values and `h_t`.
    static func forwardStep(_ rows: RecurrentForwardRows)
    /// One token's backward arithmetic: reads `∂loss/∂h_t` and the carried
    /// memory gradient, writes the gradients of the pre-activations.
    static func backwardStep(_ rows: RecurrentBackwardRows)
    /// The parameter gradient from the gradients the backward pass accumulated.
    /// - Parameters:
    ///   - inputWeight: `∂loss/∂W_x`, `G·H × D`.
    ///   - recurrentWeight: `∂loss/∂W_h`, `G·H × H`.
    ///   - bias: the sum over tokens of the input-side pre-activation gradients, `1 × G·H`.
    ///   - recurrentSide: the recurrent-side pre-activation gradients in packed
    ///     order, `N × G·H` (empty unless ``hasSeparateRecurrentProduct``).
    static func gradient(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix, recurrentSide: Matrix) -> Self
}

extension RecurrentLayer {
    /// The size of each input vector, D.
    package var inputSize: Int { inputWeight.columns }
    /// The size of the state, H.
    package var hiddenSize: Int { recurrentWeight.columns }

    /// Keeps `W_hᵀ` (``recurrentWeightTransposed``), so that the recurrent
    /// step of a ``GEMM/Strategy/direct`` pass is one row times a matrix
    /// (`ckernels_sgemm_nn`) rather than dot products with horizontal sums.
    /// A tagger does this once; visiting the parameters for writing drops it.
    package mutating func prepareForInference() {
        recurrentWeightTransposed = recurrentWeight.transposed
    }

    /// The final state of each sequence (batch order), `S × H`.
    package static func finalStates(_ cache: RecurrentCache) -> Matrix { cache.finalStates }
}
