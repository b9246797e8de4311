import SlotMath

/// What a recurrent layer's forward pass keeps for its backward pass, in
/// packed order (see ``SequenceLayout``); the same for every cell.
package struct RecurrentCache: Sendable {
    /// The layout the pass ran over.
    package let layout: SequenceLayout
    /// Whether the sequences were read right to left.
    package let reversed: Bool
    /// The input, `N × D`, in token order.
    package let input: Matrix
    /// For each packed position, the token-order row it read.
    package let rows: [Int]
    /// The activated gates per packed position, `N × G·H`, in the cell's gate order.
    package let gates: Matrix
    /// What the cell keeps per packed position beyond its gates, `N × M·H`
    /// (see ``RecurrentLayer/memoryCount``).
    package let memory: Matrix
    /// `h_{t−1}` per packed position (zero at the first step), `N × H`.
    package let previousHidden: Matrix
    /// `h_t` per packed position, `N × H`.
    package let hidden: Matrix

    /// The final state `h` of each sequence (batch order), `S × H`: the
    /// state after its last token (or after its first token when reversed).
    package var finalStates: Matrix {
        layout.finalStates(of: hidden)
    }
}
