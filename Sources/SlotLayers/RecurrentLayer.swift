import SlotMath

/// A recurrent layer that reads a packed batch in one direction: what
/// ``Bidirectional`` needs of its cells. ``LSTM`` and ``GRU`` conform.
package protocol RecurrentLayer: ParameterSet {
    /// What the forward pass keeps for the backward pass.
    associatedtype Cache: Sendable

    /// Creates a freshly initialised layer.
    init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64)
    /// The size of each input vector, D.
    var inputSize: Int { get }
    /// The size of the state, H.
    var hiddenSize: Int { get }
    /// Runs over a batch, writing `h_t` into `output`'s columns `outputColumn ..< outputColumn + H`.
    func forward(_ input: Matrix, layout: SequenceLayout, reversed: Bool, output: inout Matrix, outputColumn: Int) -> Cache
    /// Backpropagates through time, adding `∂loss/∂input` into `inputGradient`.
    func backward(
        outputGradient: Matrix, outputColumn: Int, finalGradient: Matrix?, finalColumn: Int,
        cache: Cache, inputGradient: inout Matrix) -> Self
    /// The final state of each sequence (batch order), `S × H`.
    static func finalStates(_ cache: Cache) -> Matrix
}

extension LSTM: RecurrentLayer {
    /// The final states recorded in `cache`.
    package static func finalStates(_ cache: Cache) -> Matrix { cache.finalStates }
}

extension GRU: RecurrentLayer {
    /// The final states recorded in `cache`.
    package static func finalStates(_ cache: Cache) -> Matrix { cache.finalStates }
}
