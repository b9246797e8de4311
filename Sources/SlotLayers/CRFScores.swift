import SlotMath

/// A CRF's scores with constraints folded in, ready for message passing.
///
/// Forbidden starts, ends and transitions hold `-infinity`. Besides the log
/// scores it keeps `expTransitions = exp(transitions − shift)`, where `shift`
/// is the largest finite transition score, so that the inner sums of the
/// forward and backward algorithms become matrix–vector products (BLAS)
/// instead of `L²` exponentials per token:
/// ```
/// log Σ_i exp(a_i + A_ij) = m + shift + log Σ_i exp(a_i − m) · exp(A_ij − shift),   m = max a
/// ```
/// Every entry of the sum is at most 1, so it cannot overflow; where it
/// underflows (the sum falls below ``underflowThreshold``) the step is redone
/// exactly with ``Kernels/logSumExp(count:_:stride:)``.
struct CRFScores: Sendable {
    /// The number of labels `L`.
    let labelCount: Int
    /// Start scores, `L`.
    let start: [Float]
    /// End scores, `L`.
    let end: [Float]
    /// Transition scores, row-major `L × L` (row = from).
    let transitions: [Float]
    /// `exp(transitions − shift)`, row-major `L × L`.
    let expTransitions: [Float]
    /// `expTransitions` transposed (row = to), so that both passes of
    /// ``scaledForwardBackward(_:length:)`` are one row times a matrix.
    let expIncomingTransitions: [Float]
    /// The largest finite transition score (0 when there is none).
    let shift: Float
    /// `transitions` transposed, row-major `L × L` (row = to): the scores
    /// of every label's incoming transitions lie in one row.
    let incomingTransitions: [Float]
    /// The runs of consecutive labels each label can follow (finite
    /// transitions into it): `L + 1` offsets, then the runs as `[start, end)`
    /// pairs; label `j`'s runs are the pairs `incomingRuns[j] ..< incomingRuns[j + 1]`
    /// of the part after the offsets. Under BIO constraints `B-…` and `O`
    /// follow any label (one run of `L`) and `I-X` only `B-X` and `I-X` (two
    /// runs of one), so Viterbi skips the impossible half of the matrix.
    let incomingRuns: [Int32]
    /// Whether every finite transition lies within ``probabilityRange`` of
    /// `shift`, so that ``scaledForwardBackward(_:length:)`` loses none to underflow.
    let transitionsFitProbabilitySpace: Bool

    /// Sums below this are recomputed in log space: their terms may have
    /// lost precision to subnormal numbers.
    static let underflowThreshold: Float = 1e-30

    /// Folds `constraints` (if any) into `crf`'s scores.
    init(_ crf: CRF, constraints: TransitionConstraints?) {
        let labelCount = crf.labelCount
        var start = crf.start.scalars
        var end = crf.end.scalars
        var transitions = crf.transitions.scalars
        if let constraints {
            precondition(constraints.labelCount == labelCount,
                         "constraints cover \(constraints.labelCount) labels, the CRF has \(labelCount)")
            let masks = constraints.masks
            for index in start.indices { start[index] += masks.start[index] }
            for index in end.indices { end[index] += masks.end[index] }
            for index in transitions.indices { transitions[index] += masks.transitions[index] }
        }
        let shift = transitions.lazy.filter { $0.isFinite }.max() ?? 0
        self.labelCount = labelCount
        self.start = start
        self.end = end
        self.transitions = transitions
        self.expTransitions = transitions.map { Kernels.exp($0 - shift) }
        self.shift = shift
        var incoming = [Float](repeating: 0, count: transitions.count)
        var expIncoming = incoming
        var runBounds: [Int32] = []
        var runOffsets: [Int32] = [0]
        for j in 0..<labelCount {
            for i in 0..<labelCount {
                incoming[j * labelCount + i] = transitions[i * labelCount + j]
                expIncoming[j * labelCount + i] = expTransitions[i * labelCount + j]
            }
            var i = 0
            while i < labelCount {
                guard incoming[j * labelCount + i] > -.infinity else { i += 1; continue }
                let start = i
                while i < labelCount && incoming[j * labelCount + i] > -.infinity { i += 1 }
                runBounds += [Int32(start), Int32(i)]
            }
            runOffsets.append(Int32(runBounds.count / 2))
        }
        self.incomingTransitions = incoming
        self.expIncomingTransitions = expIncoming
        self.incomingRuns = runOffsets + runBounds
        transitionsFitProbabilitySpace = !transitions.contains { Self.flushesToZero($0 - shift) }
    }

    /// The score of `labels` (one per row of `emissions`), summed in `Double`
    /// in the order start, then emission and transition token by token, then end.
    func score(_ emissions: UnsafePointer<Float>, labels: UnsafeBufferPointer<Int>) -> Double {
        let length = labels.count
        guard length > 0 else { return 0 }
        let count = labelCount
        var total = Double(start[labels[0]]) + Double(emissions[labels[0]])
        for t in 1..<length {
            total += Double(transitions[labels[t - 1] * count + labels[t]])
            total += Double(emissions[t * count + labels[t]])
        }
        return total + Double(end[labels[length - 1]])
    }

    /// Calls `body` with `emissions`' rows `rows` as a pointer.
    static func withRows<R>(
        of emissions: Matrix, _ rows: Range<Int>?, labelCount: Int,
        _ body: (UnsafePointer<Float>, Int) throws -> R
    ) rethrows -> R {
        precondition(emissions.columns == labelCount,
                     "emissions have \(emissions.columns) columns, the CRF has \(labelCount) labels")
        let rows = rows ?? 0..<emissions.rows
        precondition(rows.lowerBound >= 0 && rows.upperBound <= emissions.rows,
                     "rows \(rows) lie outside the \(emissions.rows) rows of the emissions")
        return try emissions.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                // No elements, so no rows: hand over a placeholder that is never read.
                return try withUnsafeTemporaryAllocation(of: Float.self, capacity: 1) { placeholder in
                    try body(UnsafePointer(placeholder.baseAddress!), 0)
                }
            }
            return try body(base + rows.lowerBound * labelCount, rows.count)
        }
    }
}
