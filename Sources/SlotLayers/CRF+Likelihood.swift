#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotMath

extension CRF {
    /// The negative log-likelihood of gold label sequences and its gradient,
    /// for the sentences of a batch whose emissions are rows of one matrix.
    ///
    /// For each sentence (emission rows `E`, gold labels `y`), by the forward
    /// algorithm in log space and forward-backward marginals:
    /// ```
    /// loss              = log Z − score(y)
    /// ∂loss/∂E[t, j]    = p(y_t = j) − [y_t = j]
    /// ∂loss/∂start[j]   = p(y_0 = j) − [y_0 = j]
    /// ∂loss/∂end[j]     = p(y_{T−1} = j) − [y_{T−1} = j]
    /// ∂loss/∂A[i, j]    = Σ_{t≥1} p(y_{t−1} = i, y_t = j) − #{t : y_{t−1} = i, y_t = j}
    /// ```
    /// Training uses the unconstrained likelihood: every sequence counts in
    /// `Z`, and the learned transitions come to score invalid BIO moves low;
    /// constraints are applied only when decoding (``CRFDecoder``).
    ///
    /// Nothing is allocated per sentence: one workspace serves the whole call,
    /// and the expected transition counts of all sentences are gathered in
    /// one buffer of `L × L`.
    ///
    /// - Parameters:
    ///   - emissions: emission scores of the batch, `N × L`.
    ///   - sentences: the rows of each sentence; rows outside every range are
    ///     ignored. An empty range contributes nothing.
    ///   - labels: the gold label of every row (`labels.count == N`); only the
    ///     rows of `sentences` are read.
    ///   - gradient: receives `+= scale · ∂loss/∂(start, end, transitions)`.
    ///   - emissionGradient: `N × L`; the rows of `sentences` receive
    ///     `+= scale · ∂loss/∂E`.
    ///   - scale: multiplies every gradient (not the returned loss), e.g.
    ///     `1 / batchSize` to average.
    /// - Returns: the summed loss of the sentences, in nats. A sentence whose
    ///   gold sequence scores `-infinity` contributes `+infinity`; a sentence
    ///   without any finite-scoring sequence contributes no gradient.
    package func negativeLogLikelihood(
        emissions: Matrix, sentences: [Range<Int>], labels: [Int],
        gradient: inout CRF, emissionGradient: inout Matrix, scale: Float = 1
    ) -> Double {
        let count = labelCount
        precondition(emissions.columns == count, "emissions have \(emissions.columns) columns, the CRF has \(count) labels")
        precondition(labels.count == emissions.rows, "\(labels.count) labels for \(emissions.rows) emission rows")
        precondition(emissionGradient.rows == emissions.rows && emissionGradient.columns == count,
                     "emission gradient is \(emissionGradient.rows)×\(emissionGradient.columns), expected \(emissions.rows)×\(count)")
        precondition(gradient.labelCount == count, "gradient has \(gradient.labelCount) labels, the CRF has \(count)")
        for range in sentences {
            precondition(range.lowerBound >= 0 && range.upperBound <= emissions.rows,
                         "sentence rows \(range) lie outside the \(emissions.rows) emission rows")
            precondition(labels[range].allSatisfy { (0..<count).contains($0) },
                         "a gold label in rows \(range) lies outside 0..<\(count)")
        }
        let capacity = sentences.map(\.count).max() ?? 0
        guard capacity > 0 else { return 0 }
        let scores = CRFScores(self, constraints: nil)
        let workspace = CRFWorkspace(capacity: capacity, labelCount: count)
        var pairwise = [Float](repeating: 0, count: count * count)
        var total = 0.0
        emissions.withUnsafeBufferPointer { emissions in
            labels.withUnsafeBufferPointer { labels in
                emissionGradient.withUnsafeMutableBufferPointer { emissionGradient in
                    pairwise.withUnsafeMutableBufferPointer { pairwise in
                        gradient.start.withUnsafeMutableBufferPointer { startGradient in
                            gradient.end.withUnsafeMutableBufferPointer { endGradient in
                                gradient.transitions.withUnsafeMutableBufferPointer { transitionGradient in
                                    let accumulators = Accumulators(
                                        start: startGradient.baseAddress!, end: endGradient.baseAddress!,
                                        transitions: transitionGradient.baseAddress!, pairwise: pairwise.baseAddress!)
                                    for range in sentences where !range.isEmpty {
                                        total += scores.accumulate(
                                            emissions: emissions.baseAddress! + range.lowerBound * count,
                                            labels: UnsafeBufferPointer(rebasing: labels[range]),
                                            emissionGradient: emissionGradient.baseAddress! + range.lowerBound * count,
                                            accumulators: accumulators, scale: scale, workspace: workspace)
                                    }
                                    for index in 0..<(count * count) {
                                        accumulators.transitions[index] += pairwise[index] * scores.expTransitions[index]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return total
    }

    /// The negative log-likelihood of one sentence's gold labels and its
    /// gradient (see ``negativeLogLikelihood(emissions:sentences:labels:gradient:emissionGradient:scale:)``).
    ///
    /// - Parameters:
    ///   - emissions: the sentence's emission scores, `T × L`.
    ///   - labels: the gold labels, `T` of them.
    /// - Returns: the loss `log Z − score(labels)`, the parameter gradient and
    ///   the emission gradient (`T × L`).
    package func negativeLogLikelihood(emissions: Matrix, labels: [Int]) -> (loss: Double, gradient: CRF, emissionGradient: Matrix) {
        var gradient = zeroed
        var emissionGradient = Matrix(rows: emissions.rows, columns: emissions.columns)
        let loss = negativeLogLikelihood(
            emissions: emissions, sentences: [0..<emissions.rows], labels: labels,
            gradient: &gradient, emissionGradient: &emissionGradient)
        return (loss, gradient, emissionGradient)
    }
}

/// Where ``CRFScores/accumulate(emissions:labels:emissionGradient:accumulators:scale:workspace:)``
/// adds its parameter gradients.
private struct Accumulators {
    let start: UnsafeMutablePointer<Float>
    let end: UnsafeMutablePointer<Float>
    let transitions: UnsafeMutablePointer<Float>
    /// `Σ exp(alpha_{t−1}(i)) · exp(E[t, j] + beta_t(j)) · scale`, to be
    /// multiplied element-wise by `exp(A − shift)` once for the whole batch.
    let pairwise: UnsafeMutablePointer<Float>
}

extension CRFScores {
    /// Adds one sentence's gradient and returns its loss.
    ///
    /// Expected transition counts are
    /// ```
    /// p(y_{t−1} = i, y_t = j) = exp(alpha_{t−1}(i)) · exp(A[i, j] − shift) · exp(E[t, j] + beta_t(j) − log Z + shift)
    /// ```
    /// so their sum over tokens is a product of the stored forward weights and
    /// the scaled backward weights (one GEMM per sentence), multiplied by
    /// `exp(A − shift)` at the end of the batch. A token whose scale factor
    /// would exceed `e^60` is instead summed directly in log space.
    fileprivate func accumulate(
        emissions: UnsafePointer<Float>, labels: UnsafeBufferPointer<Int>,
        emissionGradient: UnsafeMutablePointer<Float>,
        accumulators: Accumulators, scale: Float, workspace: borrowing CRFWorkspace
    ) -> Double {
        let count = labelCount
        let length = labels.count
        let logPartition = forward(emissions, length: length, workspace: workspace)
        let loss = logPartition - score(emissions, labels: labels)
        guard logPartition.isFinite else { return loss }
        backward(emissions, length: length, workspace: workspace)
        addMarginals(length: length, logPartition: logPartition, workspace: workspace,
                     scale: scale, into: emissionGradient)
        for (row, accumulator) in [(0, accumulators.start), (length - 1, accumulators.end)] {
            let offset = Float(workspace.forwardOffsets[row] + workspace.backwardOffsets[row] - logPartition)
            let alpha = workspace.alpha + row * count, beta = workspace.beta + row * count
            for j in 0..<count { accumulator[j] += scale * Kernels.exp(alpha[j] + beta[j] + offset) }
        }
        accumulators.start[labels[0]] -= scale
        accumulators.end[labels[length - 1]] -= scale
        for t in 0..<length {
            emissionGradient[t * count + labels[t]] -= scale
            if t > 0 { accumulators.transitions[labels[t - 1] * count + labels[t]] -= scale }
        }
        guard length > 1 else { return loss }
        for t in 1..<length {
            let weights = workspace.backwardWeights + t * count
            let exponent = workspace.forwardOffsets[t - 1] + workspace.backwardOffsets[t]
                + workspace.backwardShifts[t] + Double(shift) - logPartition
            if exponent <= 60 {
                let factor = scale * Float(exp(exponent))
                for j in 0..<count { weights[j] *= factor }
            } else {
                addPairwiseExactly(emissions: emissions, token: t, logPartition: logPartition,
                                   scale: scale, workspace: workspace, into: accumulators.transitions)
                weights.update(repeating: 0, count: count)
            }
        }
        GEMM.multiply(
            transposeA: true, transposeB: false, m: count, n: count, k: length - 1,
            alpha: 1, a: workspace.forwardWeights, lda: count,
            b: workspace.backwardWeights + count, ldb: count,
            beta: 1, c: accumulators.pairwise, ldc: count)
        return loss
    }

    /// Adds `scale · p(y_{t−1} = i, y_t = j)` for one token `t` directly,
    /// one exponential per pair.
    private func addPairwiseExactly(
        emissions: UnsafePointer<Float>, token t: Int, logPartition: Double, scale: Float,
        workspace: borrowing CRFWorkspace, into transitionGradient: UnsafeMutablePointer<Float>
    ) {
        let count = labelCount
        let offset = Float(workspace.forwardOffsets[t - 1] + workspace.backwardOffsets[t] - logPartition)
        let previous = workspace.alpha + (t - 1) * count
        let values = workspace.vector3
        for j in 0..<count { values[j] = emissions[t * count + j] + workspace.beta[t * count + j] + offset }
        for i in 0..<count {
            for j in 0..<count {
                transitionGradient[i * count + j] += scale * Kernels.exp(previous[i] + transitions[i * count + j] + values[j])
            }
        }
    }
}
