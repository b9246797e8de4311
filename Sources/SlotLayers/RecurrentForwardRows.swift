/// One token's rows in a recurrent layer's forward pass: what a cell's
/// ``RecurrentLayer/forwardStep(_:)`` reads and writes. `H` is ``size``, `G`
/// the cell's gate count and `M` its memory count.
package struct RecurrentForwardRows {
    /// The state size, H.
    package let size: Int
    /// In: the pre-activations `W_x·x_t + b`, `G·H`, with `W_h·h_{t−1}` already
    /// added (after the step's first) unless the cell keeps the recurrent
    /// product apart. Out: the activated gates, kept for the backward pass.
    package let gates: UnsafeMutablePointer<Float>
    /// `W_h·h_{t−1}`, `G·H` (zeros at the first step), for a cell that keeps the
    /// recurrent product apart (``RecurrentLayer/hasSeparateRecurrentProduct``); `nil` otherwise.
    package let recurrent: UnsafePointer<Float>?
    /// The cell's ``RecurrentLayer/stepBias`` (its first `G·H` elements are already in ``gates``).
    package let bias: UnsafePointer<Float>
    /// Written: the cell's kept values, `M·H`.
    package let memory: UnsafeMutablePointer<Float>
    /// The same sequence's kept values at the step before, `M·H`, or `nil` at the first step.
    package let previousMemory: UnsafePointer<Float>?
    /// `h_{t−1}`, `H` (zeros at the first step).
    package let previousState: UnsafePointer<Float>
    /// Written: `h_t`, `H`.
    package let state: UnsafeMutablePointer<Float>
}
