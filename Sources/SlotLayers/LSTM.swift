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
/// the memory is kept rather than forgotten. States start at zero.
package struct LSTM: ParameterSet {
    /// Input-to-hidden weights, `4H × D`, gate rows ordered i, f, g, o.
    package var inputWeight: Matrix
    /// Hidden-to-hidden weights, `4H × H`, gate rows ordered i, f, g, o.
    package var recurrentWeight: Matrix
    /// Gate biases, `1 × 4H`, ordered i, f, g, o.
    package var bias: Matrix

    /// The size of each input vector, D.
    package var inputSize: Int { inputWeight.columns }
    /// The size of the state, H.
    package var hiddenSize: Int { recurrentWeight.columns }

    /// Creates a layer with Glorot-uniform weights and the forget-gate bias set to 1.
    package init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        inputWeight = .glorot(rows: 4 * hiddenSize, columns: inputSize, using: &generator)
        recurrentWeight = .glorot(rows: 4 * hiddenSize, columns: hiddenSize, using: &generator)
        var bias = Matrix(rows: 1, columns: 4 * hiddenSize)
        for column in hiddenSize..<(2 * hiddenSize) { bias[0, column] = 1 }
        self.bias = bias
    }

    /// Creates a layer from existing parameters (for loading a model).
    package init(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix) {
        precondition(inputWeight.rows % 4 == 0 && recurrentWeight.rows == inputWeight.rows
                     && recurrentWeight.columns * 4 == recurrentWeight.rows
                     && bias.rows == 1 && bias.columns == inputWeight.rows,
                     "LSTM parameter shapes disagree")
        self.inputWeight = inputWeight
        self.recurrentWeight = recurrentWeight
        self.bias = bias
    }

    /// Visits `inputWeight`, `recurrentWeight` and `bias`, in that order.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("inputWeight", &inputWeight)
        try body("recurrentWeight", &recurrentWeight)
        try body("bias", &bias)
    }
}
