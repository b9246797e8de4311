import SlotMath

/// A linear-chain conditional random field over emission scores, with
/// separate start, end and transition scores (as kmkurn/pytorch-crf: no fake
/// START/STOP labels in the label set).
///
/// The score of labels `y` for emissions `E` (`T × L`, one row per token) is
/// ```
/// score(y) = start[y₀] + Σ_t E[t, y_t] + Σ_{t≥1} transitions[y_{t−1}, y_t] + end[y_{T−1}]
/// p(y) = exp(score(y) − log Z),   log Z = log Σ_y' exp(score(y'))
/// ```
/// Rows of `transitions` are the label moved from, columns the label moved to.
/// Training minimises `log Z − score(gold)` (see
/// ``negativeLogLikelihood(emissions:sentences:labels:gradient:emissionGradient:scale:)``)
/// without constraints; decoding, marginals and n-best lists may apply
/// ``TransitionConstraints`` through a ``CRFDecoder``.
///
/// The gradient of a `CRF` is a `CRF`. Parameters are named `start`, `end`
/// and `transitions`.
package struct CRF: ParameterSet, Hashable {
    /// Scores for starting a sentence with each label, `1 × L`.
    package var start: Matrix
    /// Scores for ending a sentence with each label, `1 × L`.
    package var end: Matrix
    /// Scores for moving from label `i` (row) to label `j` (column), `L × L`.
    package var transitions: Matrix

    /// Creates a CRF whose scores are all zero.
    ///
    /// - Parameter labelCount: the number of labels `L`.
    package init(labelCount: Int) {
        precondition(labelCount > 0, "a CRF needs at least one label")
        start = Matrix(rows: 1, columns: labelCount)
        end = Matrix(rows: 1, columns: labelCount)
        transitions = Matrix(rows: labelCount, columns: labelCount)
    }

    /// Creates a CRF with scores drawn uniformly from `[-0.1, 0.1)`, as
    /// pytorch-crf initialises them.
    ///
    /// - Parameters:
    ///   - labelCount: the number of labels `L`.
    ///   - generator: the seeded generator that draws the scores.
    package init(labelCount: Int, using generator: inout SplitMix64) {
        precondition(labelCount > 0, "a CRF needs at least one label")
        start = .uniform(rows: 1, columns: labelCount, bound: 0.1, using: &generator)
        end = .uniform(rows: 1, columns: labelCount, bound: 0.1, using: &generator)
        transitions = .uniform(rows: labelCount, columns: labelCount, bound: 0.1, using: &generator)
    }

    /// Creates a CRF from existing scores.
    ///
    /// - Parameters:
    ///   - start: `1 × L` start scores.
    ///   - end: `1 × L` end scores.
    ///   - transitions: `L × L` transition scores, row = from, column = to.
    package init(start: Matrix, end: Matrix, transitions: Matrix) {
        let labelCount = transitions.rows
        precondition(labelCount > 0 && transitions.columns == labelCount,
                     "transitions must be a non-empty square matrix, got \(transitions.rows)×\(transitions.columns)")
        precondition(start.rows == 1 && start.columns == labelCount,
                     "start is \(start.rows)×\(start.columns), expected 1×\(labelCount)")
        precondition(end.rows == 1 && end.columns == labelCount,
                     "end is \(end.rows)×\(end.columns), expected 1×\(labelCount)")
        self.start = start
        self.end = end
        self.transitions = transitions
    }

    /// The number of labels `L`.
    package var labelCount: Int { transitions.rows }

    /// Visits `start`, `end`, then `transitions`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("start", &start)
        try body("end", &end)
        try body("transitions", &transitions)
    }
}
