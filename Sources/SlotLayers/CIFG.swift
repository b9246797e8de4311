import SlotMath

/// A long short-term memory layer with coupled input and forget gates (CIFG):
/// one gate decides both what to add and what to forget, `f = 1 − i`.
///
/// ```
/// [i; g; o] = Wx·x_t + Wh·h_{t−1} + b        (gate order: input, candidate, output)
/// i, o = σ(·)    g = tanh(·)
/// c_t = (1 − i) ⊙ c_{t−1} + i ⊙ g            (new content replaces old in proportion)
/// h_t = o ⊙ tanh(c_t)
/// ```
/// Greff et al., "LSTM: A Search Space Odyssey" (2017), found this variant as
/// good as the full LSTM on their tasks with a quarter fewer parameters; it is
/// the third cell beside ``LSTM`` and ``GRU``. The three gates' weights are
/// packed as the LSTM's are, without the forget gate's rows: `inputWeight` is
/// `3H × D`, `recurrentWeight` is `3H × H`, `bias` is `1 × 3H`, rows ordered
/// i, g, o. The input gate's bias starts at −1, so that the implied forget gate
/// `1 − σ(−1) = σ(1)` starts where the LSTM's does (its bias starts at 1).
/// States start at zero; the per-token arithmetic is the LSTM's (see ``MemoryCell``).
package struct CIFG: MemoryCell {
    /// Input-to-hidden weights, `3H × D`, gate rows ordered i, g, o.
    package var inputWeight: Matrix
    /// Hidden-to-hidden weights, `3H × H`, gate rows ordered i, g, o.
    package var recurrentWeight: Matrix
    /// Gate biases, `1 × 3H`, ordered i, g, o.
    package var bias: Matrix
    /// `W_hᵀ` (`H × G·H`), laid out for the direct kernel's products by one
    /// row (``prepareForInference()``); `nil` until then, and again once the
    /// parameters are visited for writing, so that it never outlives the weights it copies.
    package var recurrentWeightTransposed: Matrix? = nil

    /// The forget gate is `1 − i`.
    package static var couplesForgetGate: Bool { true }

    /// Creates a layer with Glorot-uniform weights and the input-gate bias set to −1.
    package init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        (inputWeight, recurrentWeight, bias) = Self.initialParameters(
            inputSize: inputSize, hiddenSize: hiddenSize, startingGate: (index: 0, value: -1), using: &generator)
    }

    /// Creates a layer from existing parameters (for loading a model).
    /// - Precondition: the shapes are `3H × D`, `3H × H` and `1 × 3H`.
    package init(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix) {
        Self.checkShapes(inputWeight: inputWeight, recurrentWeight: recurrentWeight, bias: bias)
        self.inputWeight = inputWeight
        self.recurrentWeight = recurrentWeight
        self.bias = bias
    }
}
