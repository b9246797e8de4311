import SlotMath

extension CRF {
    /// The best label sequence (Viterbi) under optional constraints.
    ///
    /// Prepares a ``CRFDecoder`` for the call; keep one decoder instead when
    /// decoding many sentences with the same parameters.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - constraints: the constraints to apply, or `nil` for none.
    /// - Returns: the best path with its score and probability.
    package func decode(emissions: Matrix, rows: Range<Int>? = nil, constraints: TransitionConstraints? = nil) -> CRFPath {
        CRFDecoder(self, constraints: constraints).decode(emissions: emissions, rows: rows)
    }

    /// The `k` best label sequences, best first (see ``CRFDecoder/nBest(emissions:rows:k:)``).
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - k: how many sequences to return, at least 1.
    ///   - constraints: the constraints to apply, or `nil` for none.
    /// - Returns: up to `k` paths with scores and probabilities.
    package func nBest(
        emissions: Matrix, rows: Range<Int>? = nil, k: Int, constraints: TransitionConstraints? = nil
    ) -> [CRFPath] {
        CRFDecoder(self, constraints: constraints).nBest(emissions: emissions, rows: rows, k: k)
    }

    /// Per-token posterior marginals `p(y_t = j)`, `T × L`, rows summing to 1,
    /// over the sequences the constraints allow.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - constraints: the constraints to apply, or `nil` for none.
    /// - Returns: the marginals, one row per token.
    package func marginals(emissions: Matrix, rows: Range<Int>? = nil, constraints: TransitionConstraints? = nil) -> Matrix {
        CRFDecoder(self, constraints: constraints).marginals(emissions: emissions, rows: rows)
    }

    /// The posterior of one sentence: marginals, sequence and span probabilities.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - constraints: the constraints to apply, or `nil` for none.
    /// - Returns: the sentence's posterior.
    package func posterior(
        emissions: Matrix, rows: Range<Int>? = nil, constraints: TransitionConstraints? = nil
    ) -> CRFPosterior {
        CRFDecoder(self, constraints: constraints).posterior(emissions: emissions, rows: rows)
    }

    /// The log-partition function `log Z` by the forward algorithm.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - constraints: the constraints to apply, or `nil` for none.
    /// - Returns: `log Z`.
    package func logPartition(
        emissions: Matrix, rows: Range<Int>? = nil, constraints: TransitionConstraints? = nil
    ) -> Double {
        CRFDecoder(self, constraints: constraints).logPartition(emissions: emissions, rows: rows)
    }

    /// The unconstrained score of a label sequence.
    ///
    /// - Parameters:
    ///   - emissions: emission scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    ///   - labels: one label index per row.
    /// - Returns: `start[y₀] + Σ_t E[t, y_t] + Σ_t A[y_{t−1}, y_t] + end[y_{T−1}]`.
    package func score(emissions: Matrix, rows: Range<Int>? = nil, labels: [Int]) -> Double {
        CRFDecoder(self).score(emissions: emissions, rows: rows, labels: labels)
    }
}
