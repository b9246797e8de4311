import SlotMath

/// A long short-term memory layer that reads sequences in one direction.
///
/// ```
/// [i; f; g; o] = Wx·x_t + Wh·h_{t−1} + b        (gate order: input, forget, candidate, output)
/// i, f, o = σ(·)    g = tanh(·)
/// c_t = f ⊙ c_{t−1} + i ⊙ g                     (the additive memory path)
/// h_t = o ⊙ tanh(c_t)
/// ```
/// The four gates' weights are packed into one matrix, rows in the order
/// i, f, g, o: `inputWeight` is `4H × D`, `recurrentWeight` is `4H × H`, `bias`
/// is `1 × 4H`. The forget gate's bias starts at 1 so that early in training
/// the memory is kept rather than forgotten. States start at zero. The batched
/// passes are the ones every ``RecurrentLayer`` shares, and the per-token
/// arithmetic the one it shares with ``CIFG`` (see ``MemoryCell``).
package struct LSTM: MemoryCell {
    /// Input-to-hidden weights, `4H × D`, gate rows ordered i, f, g, o.
    package var inputWeight: Matrix
    /// Hidden-to-hidden weights, `4H × H`, gate rows ordered i, f, g, o.
    package var recurrentWeight: Matrix
    /// Gate biases, `1 × 4H`, ordered i, f, g, o.
    package var bias: Matrix
    /// `W_hᵀ` (`H × G·H`), laid out for the direct kernel's products by one
    /// row (``prepareForInference()``); `nil` until then, and again once the
    /// parameters are visited for writing, so that it never outlives the weights it copies.
    package var recurrentWeightTransposed: Matrix? = nil

    /// The forget gate is a gate of its own.
    package static var couplesForgetGate: Bool { false }

    /// Creates a layer with Glorot-uniform weights and the forget-gate bias set to 1.
    package init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        (inputWeight, recurrentWeight, bias) = Self.initialParameters(
            inputSize: inputSize, hiddenSize: hiddenSize, startingGate: (index: 1, value: 1), using: &generator)
    }

    /// Creates a layer from existing parameters (for loading a model).
    /// - Precondition: the shapes are `4H × D`, `4H × H` and `1 × 4H`.
    package init(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix) {
        Self.checkShapes(inputWeight: inputWeight, recurrentWeight: recurrentWeight, bias: bias)
        self.inputWeight = inputWeight
        self.recurrentWeight = recurrentWeight
        self.bias = bias
    }
}
