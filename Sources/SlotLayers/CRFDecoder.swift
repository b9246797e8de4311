#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotMath

/// A ``CRF`` prepared for inference under optional ``TransitionConstraints``:
/// Viterbi decoding, n-best lists, the log-partition function and posteriors
/// (per-token marginals and span confidences).
///
/// Constraints act as `-infinity` scores on forbidden starts, ends and
/// transitions, so every result (best path, n-best list, marginals,
/// probabilities) is taken over the valid sequences only:
/// ```
/// p_c(y) = exp(score(y) − log Z_c)   for valid y,   Z_c = Σ_{valid y'} exp(score(y'))
/// ```
/// Preparing folds the constraints into the scores and exponentiates the
/// transitions once (`L²` exponentials); a tagger keeps one decoder for the
/// life of its model. The decoder is an immutable value, safe to share
/// between threads.
///
/// Emissions are passed as a matrix with `L` columns plus the range of its
/// rows that holds the sentence, so that the rows of a batch can be decoded
/// without copying; `rows: nil` means every row.
package struct CRFDecoder: Sendable {
    /// The constraints the decoder applies, if any.
    package let constraints: TransitionConstraints?
    let scores: CRFScores

    /// Prepares `crf` for inference.
    ///
    /// - Parameters:
    ///   - crf: the trained CRF.
    ///   - constraints: the constraints to apply, or `nil` for none; they must
    ///     cover the CRF's labels.
    package init(_ crf: CRF, constraints: TransitionConstraints? = nil) {
        self.constraints = constraints
        self.scores = CRFScores(crf, constraints: constraints)
    }

    /// The number of labels `L`.
    package var labelCount: Int { scores.labelCount }

    /// The best label sequence (Viterbi), its score and its probability.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    /// - Returns: the best path; an empty sentence gives an empty path of
    ///   score 0 and probability 1. When no valid sequence exists the labels
    ///   are all 0 with score `-infinity` and probability 0.
    package func decode(emissions: Matrix, rows: Range<Int>? = nil) -> CRFPath {
        CRFScores.withRows(of: emissions, rows, labelCount: labelCount) { pointer, length in
            guard length > 0 else { return CRFPath(labels: [], score: 0, probability: 1) }
            let labels = scores.viterbi(pointer, length: length)
            let score = labels.withUnsafeBufferPointer { scores.score(pointer, labels: $0) }
            let logPartition = logPartition(pointer, length: length)
            return CRFPath(labels: labels, score: score, probability: Self.probability(score, logPartition))
        }
    }

    /// The labels of the best sequence (Viterbi) alone, without its score and
    /// probability: what ``decode(emissions:rows:)`` gives as `labels`, without
    /// the forward pass that the probability needs.
    ///
    /// - Parameters:
    ///   - emissions: emission scores, one row per token, one column per label.
    ///   - rows: the rows of one sentence (all rows when `nil`).
    /// - Returns: one label index per token.
    package func bestLabels(emissions: Matrix, rows: Range<Int>? = nil) -> [Int] {
        CRFScores.withRows(of: emissions, rows, labelCount: labelCount) { pointer, length in
            scores.viterbi(pointer, length: length)
        }
    }

    /// The `k` best label sequences, best first, with scores and probabilities
    /// (exact list Viterbi: each label keeps its `k` best partial paths).
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - k: how many sequences to return, at least 1.
    /// - Returns: up to `k` distinct valid sequences (fewer when fewer exist);
    ///   an empty sentence gives one empty path of probability 1.
    package func nBest(emissions: Matrix, rows: Range<Int>? = nil, k: Int) -> [CRFPath] {
        precondition(k > 0, "an n-best list needs k ≥ 1, got \(k)")
        return CRFScores.withRows(of: emissions, rows, labelCount: labelCount) { pointer, length in
            guard length > 0 else { return [CRFPath(labels: [], score: 0, probability: 1)] }
            let logPartition = logPartition(pointer, length: length)
            return scores.nBest(pointer, length: length, k: k).map { path in
                CRFPath(labels: path.labels, score: path.score, probability: Self.probability(path.score, logPartition))
            }
        }
    }

    /// The log-partition function `log Z` by the forward algorithm.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    /// - Returns: `log Z` (0 for an empty sentence, `-infinity` when no valid sequence exists).
    package func logPartition(emissions: Matrix, rows: Range<Int>? = nil) -> Double {
        CRFScores.withRows(of: emissions, rows, labelCount: labelCount) { pointer, length in
            logPartition(pointer, length: length)
        }
    }

    /// The score of a label sequence (`-infinity` when it breaks the constraints).
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - labels: one label index per row.
    /// - Returns: `start[y₀] + Σ_t E[t, y_t] + Σ_t A[y_{t−1}, y_t] + end[y_{T−1}]`, summed in `Double`.
    package func score(emissions: Matrix, rows: Range<Int>? = nil, labels: [Int]) -> Double {
        CRFScores.withRows(of: emissions, rows, labelCount: labelCount) { pointer, length in
            precondition(labels.count == length, "\(labels.count) labels for \(length) tokens")
            precondition(labels.allSatisfy { (0..<labelCount).contains($0) }, "a label index lies outside 0..<\(labelCount)")
            return labels.withUnsafeBufferPointer { scores.score(pointer, labels: $0) }
        }
    }

    /// Runs forward-backward and keeps its messages, for marginals, span
    /// confidences and sequence probabilities.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    /// - Returns: the posterior of the sentence.
    package func posterior(emissions: Matrix, rows: Range<Int>? = nil) -> CRFPosterior {
        CRFScores.withRows(of: emissions, rows, labelCount: labelCount) { pointer, length in
            CRFPosterior(scores: scores, emissions: pointer, length: length)
        }
    }

    /// Per-token posterior marginals `p(y_t = j)`, `T × L`, each row summing
    /// to 1 (all zero when no valid sequence exists): the per-token confidence.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    /// - Returns: the marginals, one row per token.
    package func marginals(emissions: Matrix, rows: Range<Int>? = nil) -> Matrix {
        posterior(emissions: emissions, rows: rows).marginals
    }

    private func logPartition(_ emissions: UnsafePointer<Float>, length: Int) -> Double {
        guard length > 0 else { return 0 }
        let workspace = CRFWorkspace(capacity: length, labelCount: labelCount)
        return scores.forward(emissions, length: length, workspace: workspace)
    }

    /// `exp(score − log Z)`, 0 for an impossible sequence or an empty lattice.
    static func probability(_ score: Double, _ logPartition: Double) -> Double {
        guard score > -.infinity, logPartition.isFinite else { return 0 }
        return min(1, max(0, exp(score - logPartition)))
    }
}
