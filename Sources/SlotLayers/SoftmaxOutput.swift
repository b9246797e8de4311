import SlotMath

/// The simpler output layer: an independent softmax over the labels at every
/// token, trained with cross-entropy.
///
/// ```
/// p(y_t = j) = exp(X[t, j]) / Σ_k exp(X[t, k])
/// loss       = Σ_t −log p(y_t = gold_t)            (summed over tokens, not averaged)
/// ∂loss/∂X[t, j] = p(y_t = j) − [gold_t = j]
/// ```
/// Decoding picks each token's most probable label, or, with
/// ``TransitionConstraints``, the most probable valid sequence (Viterbi over
/// log-probabilities with zero transition scores and `-infinity` for
/// forbidden moves). Confidences come from ``posterior(logits:rows:)``, the
/// same ``CRFPosterior`` a CRF gives: per-token probabilities, renormalised
/// over valid sequences when there are constraints.
///
/// The layer has no parameters; a ``Linear`` in front of it produces the logits.
package struct SoftmaxOutput: Sendable {
    /// The number of labels `L`.
    package let labelCount: Int
    /// The constraints applied when decoding, if any.
    package var constraints: TransitionConstraints? { decoder.constraints }
    private let decoder: CRFDecoder

    /// Creates the output layer.
    ///
    /// - Parameters:
    ///   - labelCount: the number of labels `L`.
    ///   - constraints: constraints for decoding and confidences, or `nil` for none.
    package init(labelCount: Int, constraints: TransitionConstraints? = nil) {
        self.labelCount = labelCount
        decoder = CRFDecoder(CRF(labelCount: labelCount), constraints: constraints)
    }

    /// The summed cross-entropy of gold labels and its gradient, for rows of
    /// a batch matrix of logits.
    ///
    /// - Parameters:
    ///   - logits: `N × L` scores.
    ///   - rows: the rows to score, or `nil` for all rows.
    ///   - labels: the gold label of every row (`labels.count == N`); only `rows` are read.
    ///   - logitGradient: `N × L`; the rows in `rows` receive `+= scale · ∂loss/∂X`.
    ///   - scale: multiplies the gradient (not the returned loss).
    /// - Returns: `Σ_rows −log p(gold)`, in nats.
    package func crossEntropy(
        logits: Matrix, rows: Range<Int>? = nil, labels: [Int], logitGradient: inout Matrix, scale: Float = 1
    ) -> Double {
        let count = labelCount
        precondition(logits.columns == count, "logits have \(logits.columns) columns, expected \(count)")
        precondition(labels.count == logits.rows, "\(labels.count) labels for \(logits.rows) rows")
        precondition(logitGradient.rows == logits.rows && logitGradient.columns == count,
                     "logit gradient is \(logitGradient.rows)×\(logitGradient.columns), expected \(logits.rows)×\(count)")
        let rows = rows ?? 0..<logits.rows
        precondition(rows.lowerBound >= 0 && rows.upperBound <= logits.rows, "rows \(rows) lie outside the \(logits.rows) rows")
        precondition(labels[rows].allSatisfy { (0..<count).contains($0) }, "a gold label lies outside 0..<\(count)")
        guard !rows.isEmpty else { return 0 }
        var total = 0.0
        logits.withUnsafeBufferPointer { logits in
            logitGradient.withUnsafeMutableBufferPointer { gradient in
                for row in rows {
                    let x = logits.baseAddress! + row * count
                    let g = gradient.baseAddress! + row * count
                    let normaliser = Kernels.logSumExp(count: count, x)
                    total += Double(normaliser) - Double(x[labels[row]])
                    for j in 0..<count { g[j] += scale * Kernels.exp(x[j] - normaliser) }
                    g[labels[row]] -= scale
                }
            }
        }
        return total
    }

    /// The summed cross-entropy of one sentence and its gradient.
    ///
    /// - Parameters:
    ///   - logits: `T × L` scores.
    ///   - labels: the gold labels, `T` of them.
    /// - Returns: the loss and `∂loss/∂X` (`T × L`).
    package func crossEntropy(logits: Matrix, labels: [Int]) -> (loss: Double, logitGradient: Matrix) {
        var gradient = Matrix(rows: logits.rows, columns: logits.columns)
        let loss = crossEntropy(logits: logits, labels: labels, logitGradient: &gradient)
        return (loss, gradient)
    }

    /// The softmax of every row: each token's label distribution, ignoring
    /// constraints (a static function: it needs no decoder, whose
    /// preparation would cost more than the softmax of one intent).
    ///
    /// - Parameters:
    ///   - logits: scores with `L` columns.
    ///   - rows: the rows to use, or `nil` for all rows.
    /// - Returns: `rows.count × L` probabilities, rows summing to 1.
    package static func probabilities(logits: Matrix, rows: Range<Int>? = nil) -> Matrix {
        let count = logits.columns
        return transformRows(of: logits, rows, labelCount: count) { x, output in Kernels.softmax(count: count, x, into: output) }
    }

    /// The decoded labels: each token's most probable label, or with
    /// constraints the most probable valid sequence.
    ///
    /// - Parameters:
    ///   - logits: scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    /// - Returns: the path; its score is `Σ_t log p(y_t)` and its probability
    ///   is taken over the valid sequences.
    package func decode(logits: Matrix, rows: Range<Int>? = nil) -> CRFPath {
        decoder.decode(emissions: logProbabilities(logits: logits, rows: rows))
    }

    /// The posterior of one sentence: per-token probabilities (renormalised
    /// over valid sequences when there are constraints), span and sequence
    /// probabilities.
    ///
    /// - Parameters:
    ///   - logits: scores with `L` columns.
    ///   - rows: the rows of the sentence, or `nil` for all rows.
    /// - Returns: the sentence's posterior.
    package func posterior(logits: Matrix, rows: Range<Int>? = nil) -> CRFPosterior {
        decoder.posterior(emissions: logProbabilities(logits: logits, rows: rows))
    }

    /// `log p(y_t = j)` for the rows of a sentence, `rows.count × L`.
    private func logProbabilities(logits: Matrix, rows: Range<Int>?) -> Matrix {
        Self.transformRows(of: logits, rows, labelCount: labelCount) { x, output in
            let normaliser = Kernels.logSumExp(count: labelCount, x)
            for j in 0..<labelCount { output[j] = x[j] - normaliser }
        }
    }

    /// A new matrix holding `transform` applied to each row of `rows`.
    private static func transformRows(
        of logits: Matrix, _ rows: Range<Int>?, labelCount count: Int,
        _ transform: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> Matrix {
        precondition(logits.columns == count, "logits have \(logits.columns) columns, expected \(count)")
        let rows = rows ?? 0..<logits.rows
        precondition(rows.lowerBound >= 0 && rows.upperBound <= logits.rows, "rows \(rows) lie outside the \(logits.rows) rows")
        var result = Matrix(rows: rows.count, columns: count)
        guard !rows.isEmpty else { return result }
        logits.withUnsafeBufferPointer { logits in
            result.withUnsafeMutableBufferPointer { output in
                for (index, row) in rows.enumerated() {
                    transform(logits.baseAddress! + row * count, output.baseAddress! + index * count)
                }
            }
        }
        return result
    }
}
