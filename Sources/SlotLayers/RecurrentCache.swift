import SlotMath

/// What a recurrent layer's forward pass keeps for its backward pass, in
/// packed order (see ``SequenceLayout``); the same for every cell.
public struct RecurrentCache: Sendable {
    /// The layout the pass ran over.
    public let layout: SequenceLayout
    /// Whether the sequences were read right to left.
    public let reversed: Bool
    /// The input, `N × D`, in token order.
    public let input: Matrix
    /// For each packed position, the token-order row it read.
    public let rows: [Int]
    /// The activated gates per packed position, `N × G·H`, in the cell's gate order.
    public let gates: Matrix
    /// What the cell keeps per packed position beyond its gates, `N × M·H`
    /// (see ``RecurrentLayer/memoryCount``).
    public let memory: Matrix
    /// `h_{t−1}` per packed position (zero at the first step), `N × H`.
    public let previousHidden: Matrix
    /// `h_t` per packed position, `N × H`.
    public let hidden: Matrix

    /// The final state `h` of each sequence (batch order), `S × H`: the
    /// state after its last token (or after its first token when reversed).
    public var finalStates: Matrix {
        layout.finalStates(of: hidden)
    }
}
