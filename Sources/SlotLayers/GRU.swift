import SlotMath

/// A gated recurrent unit layer that reads sequences in one direction: the
/// LSTM's lighter sibling (no separate memory, three gates instead of four).
///
/// ```
/// r = σ(W_ir·x_t + b_ir + W_hr·h_{t−1})               (reset gate)
/// z = σ(W_iz·x_t + b_iz + W_hz·h_{t−1})               (update gate)
/// n = tanh(W_in·x_t + b_in + r ⊙ (W_hn·h_{t−1} + b_hn))  (candidate)
/// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// ```
/// This is PyTorch's formulation (`torch.nn.GRU`): the reset gate scales the
/// recurrent product *after* the recurrent weights, so the candidate needs its
/// own recurrent bias `b_hn` inside the product with `r`. The reset and update
/// gates need only one bias each (PyTorch's `b_i· + b_h·` summed).
///
/// The three gates' weights are packed into one matrix, rows in the gate order
/// **r, z, n**: `inputWeight` is `3H × D`, `recurrentWeight` is `3H × H`,
/// `bias` is `1 × 3H` (`[b_ir; b_iz; b_in]`), and `recurrentBias` is `1 × H`
/// (`b_hn`). States start at zero. The batched passes are the ones every
/// ``RecurrentLayer`` shares; the per-token arithmetic is in `GRU+Step.swift`.
package struct GRU: RecurrentLayer {
    /// Input-to-hidden weights, `3H × D`, gate rows ordered r, z, n.
    package var inputWeight: Matrix
    /// Hidden-to-hidden weights, `3H × H`, gate rows ordered r, z, n.
    package var recurrentWeight: Matrix
    /// Gate biases on the input side, `1 × 3H`, ordered r, z, n.
    package var bias: Matrix
    /// The candidate's recurrent bias `b_hn`, `1 × H`, added to `W_hn·h_{t−1}`
    /// before the reset gate scales it.
    package var recurrentBias: Matrix
    /// `W_hᵀ` (`H × G·H`), laid out for the direct kernel's products by one
    /// row (``prepareForInference()``); `nil` until then, and again once the
    /// parameters are visited for writing, so that it never outlives the weights it copies.
    package var recurrentWeightTransposed: Matrix? = nil

    /// Creates a layer with Glorot-uniform weights and zero biases.
    package init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        (inputWeight, recurrentWeight, bias) = Self.initialParameters(
            inputSize: inputSize, hiddenSize: hiddenSize, startingGate: nil, using: &generator)
        recurrentBias = Matrix(rows: 1, columns: hiddenSize)
    }

    /// Creates a layer from existing parameters (for loading a model).
    /// - Precondition: the shapes are `3H × D`, `3H × H`, `1 × 3H` and `1 × H`.
    package init(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix, recurrentBias: Matrix) {
        Self.checkShapes(inputWeight: inputWeight, recurrentWeight: recurrentWeight, bias: bias)
        precondition(recurrentBias.rows == 1 && recurrentBias.columns == recurrentWeight.columns,
                     "GRU parameter shapes disagree")
        self.inputWeight = inputWeight
        self.recurrentWeight = recurrentWeight
        self.bias = bias
        self.recurrentBias = recurrentBias
    }

    /// Visits `inputWeight`, `recurrentWeight`, `bias` and `recurrentBias`, in that order.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        recurrentWeightTransposed = nil
        try body("inputWeight", &inputWeight)
        try body("recurrentWeight", &recurrentWeight)
        try body("bias", &bias)
        try body("recurrentBias", &recurrentBias)
    }
}
