/// How ``IntentHead`` turns a sentence's encoder outputs (`T × D`, the
/// concatenated forward and backward states of a BiLSTM, `D = 2H`) into one
/// vector.
package enum IntentPooling: String, Hashable, Sendable, Codable, CaseIterable {
    /// The final states of both directions: the forward half (first `H`
    /// columns) of the last token's output and the backward half (last `H`
    /// columns) of the first token's output; `D` values.
    case final
    /// The maximum of every column over the tokens; `D` values.
    case max
    /// The mean of every column over the tokens followed by the maximum; `2D` values.
    case meanMax
    /// The final states of both directions (as ``final``) followed by the
    /// maximum of every column (as ``max``); `2D` values.
    case finalMax

    /// Whether the pooled vector holds two `D`-wide parts (a first part, then the maximum).
    package var hasTwoParts: Bool { self == .meanMax || self == .finalMax }

    /// Whether the pooled vector takes the final states of both directions.
    package var usesFinalStates: Bool { self == .final || self == .finalMax }

    /// Whether the pooled vector takes the maximum of every column.
    package var usesMaximum: Bool { self != .final }

    /// The size of the pooled vector for encoder outputs of `inputSize` columns.
    ///
    /// - Parameter inputSize: the encoder's output width `D`.
    /// - Returns: `D` for ``final`` and ``max``, `2D` for ``meanMax`` and ``finalMax``.
    package func pooledSize(inputSize: Int) -> Int {
        hasTwoParts ? 2 * inputSize : inputSize
    }
}
