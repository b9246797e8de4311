import SlotMath

/// A recurrent cell with the LSTM's memory: ``LSTM``, and ``CIFG``, the LSTM
/// whose forget gate is tied to its input gate (`f = 1 − i`).
///
/// ```
/// i, [f,] o = σ(â)    g = tanh(â)          (â = W_x·x_t + b + W_h·h_{t−1}, per gate)
/// c_t = i ⊙ g + f ⊙ c_{t−1}                (f = 1 − i when coupled)
/// h_t = o ⊙ tanh(c_t)
/// ```
/// Both pack their gates' weights in the order i, (f,) g, o into
/// `inputWeight`, `recurrentWeight` and `bias`, and keep `c_t` and `tanh(c_t)`
/// per token; the per-token arithmetic, written once for both, is in
/// `MemoryCell+Step.swift`.
package protocol MemoryCell: RecurrentLayer {
    /// Whether the forget gate is `1 − i` rather than a gate of its own.
    static var couplesForgetGate: Bool { get }
    /// Input-to-hidden weights, `G·H × D`.
    var inputWeight: Matrix { get set }
    /// Hidden-to-hidden weights, `G·H × H`.
    var recurrentWeight: Matrix { get set }
    /// Gate biases, `1 × G·H`.
    var bias: Matrix { get set }
    /// Creates a layer from existing parameters.
    init(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix)
}

extension MemoryCell {
    /// Four gates (i, f, g, o), or three (i, g, o) when the forget gate is coupled.
    package static var gateCount: Int { couplesForgetGate ? 3 : 4 }
    /// Two kept vectors per token: `c_t`, then `tanh(c_t)`.
    package static var memoryCount: Int { 2 }
    /// `h_{t−1}` reaches `h_t` only through `W_h`.
    package static var hasDirectStatePath: Bool { false }
    /// The recurrent product is added to the input product.
    package static var hasSeparateRecurrentProduct: Bool { false }
    /// The gate biases.
    package var stepBias: Matrix { bias }

    /// Visits `inputWeight`, `recurrentWeight` and `bias`, in that order.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        recurrentWeightTransposed = nil
        try body("inputWeight", &inputWeight)
        try body("recurrentWeight", &recurrentWeight)
        try body("bias", &bias)
    }

    /// The gradient as a layer of the same cell.
    package static func gradient(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix, recurrentSide: Matrix) -> Self {
        Self(inputWeight: inputWeight, recurrentWeight: recurrentWeight, bias: bias)
    }
}
