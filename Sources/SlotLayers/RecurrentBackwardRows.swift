/// One token's rows in a recurrent layer's backward pass: what a cell's
/// ``RecurrentLayer/backwardStep(_:)`` reads and writes. `â` are the
/// pre-activations `W_x·x_t + W_h·h_{t−1}` (plus biases) of the forward pass.
package struct RecurrentBackwardRows {
    /// The state size, H.
    package let size: Int
    /// The forward pass's activated gates, `G·H`.
    package let gates: UnsafePointer<Float>
    /// The forward pass's kept values, `M·H`.
    package let memory: UnsafePointer<Float>
    /// The kept values at the step before, or `nil` at the first step.
    package let previousMemory: UnsafePointer<Float>?
    /// `h_{t−1}`, `H` (zeros at the first step).
    package let previousState: UnsafePointer<Float>
    /// In: `∂loss/∂h_t`, `H`. Out, for cells with a direct state path: the part
    /// of `∂loss/∂h_{t−1}` that does not pass through `W_h`.
    package let stateGradient: UnsafeMutablePointer<Float>
    /// In: `∂loss/∂c_t` carried from the step after (zero at the last step),
    /// `H`. Out: `∂loss/∂c_{t−1}`. Only cells with a memory cell use it.
    package let memoryGradient: UnsafeMutablePointer<Float>
    /// Written: `∂loss/∂â` as the input product and the biases see it, `G·H`.
    package let inputSide: UnsafeMutablePointer<Float>
    /// Written, for cells with a separate recurrent gradient: `∂loss/∂(W_h·h_{t−1})`,
    /// `G·H`. Otherwise the same rows as ``inputSide``.
    package let recurrentSide: UnsafeMutablePointer<Float>
}
