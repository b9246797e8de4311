import SlotMath

extension CRFScores {
    /// Runs the forward algorithm over `length` rows of `emissions` and
    /// returns `log Z`.
    ///
    /// ```
    /// alpha_0(j) = start[j] + E[0, j]
    /// alpha_t(j) = E[t, j] + log Σ_i exp(alpha_{t−1}(i) + A[i, j])
    /// log Z      = log Σ_j exp(alpha_{T−1}(j) + end[j])
    /// ```
    /// Fills the workspace's `alpha` (rows relative to their maximum),
    /// `forwardOffsets` and `forwardWeights = exp(alpha)`. A row that no
    /// path reaches is `-infinity` with offset `-infinity`, and `log Z` is then
    /// `-infinity`. `length` must be at least 1 and at most the capacity.
    func forward(_ emissions: UnsafePointer<Float>, length: Int, workspace: borrowing CRFWorkspace) -> Double {
        let count = labelCount
        let scores = workspace.vector0, products = workspace.vector1, terms = workspace.vector2
        return start.withUnsafeBufferPointer { start in
            transitions.withUnsafeBufferPointer { transitions in
                expTransitions.withUnsafeBufferPointer { expTransitions in
                    for j in 0..<count { scores[j] = start[j] + emissions[j] }
                    workspace.forwardOffsets[0] = Self.normalise(
                        scores, count: count, into: workspace.alpha, weights: workspace.forwardWeights)
                    for t in 1..<length {
                        let previous = workspace.alpha + (t - 1) * count
                        let row = emissions + t * count
                        let previousOffset = workspace.forwardOffsets[t - 1]
                        guard previousOffset > -.infinity else {
                            workspace.forwardOffsets[t] = -.infinity
                            (workspace.alpha + t * count).update(repeating: -.infinity, count: count)
                            (workspace.forwardWeights + t * count).update(repeating: 0, count: count)
                            continue
                        }
                        GEMM.multiplyVector(
                            transpose: true, rows: count, columns: count, alpha: 1,
                            a: expTransitions.baseAddress!, lda: count,
                            x: workspace.forwardWeights + (t - 1) * count, beta: 0, y: products)
                        for j in 0..<count {
                            let emission = row[j]
                            if emission == -.infinity {
                                scores[j] = -.infinity
                            } else if products[j] >= Self.underflowThreshold {
                                scores[j] = shift + Kernels.log(products[j]) + emission
                            } else {
                                for i in 0..<count { terms[i] = previous[i] + transitions[i * count + j] }
                                scores[j] = Kernels.logSumExp(count: count, terms) + emission
                            }
                        }
                        let maximum = Self.normalise(
                            scores, count: count, into: workspace.alpha + t * count,
                            weights: workspace.forwardWeights + t * count)
                        workspace.forwardOffsets[t] = previousOffset + maximum
                    }
                    let last = workspace.alpha + (length - 1) * count
                    for j in 0..<count { terms[j] = last[j] + end[j] }
                    return workspace.forwardOffsets[length - 1] + Double(Kernels.logSumExp(count: count, terms))
                }
            }
        }
    }

    /// Runs the backward algorithm over `length` rows of `emissions`.
    ///
    /// ```
    /// beta_{T−1}(i) = end[i]
    /// beta_t(i)     = log Σ_j exp(A[i, j] + E[t+1, j] + beta_{t+1}(j))
    /// ```
    /// Fills the workspace's `beta` (rows relative to their maximum),
    /// `backwardOffsets`, and for `t ≥ 1` the row `t` of `backwardWeights`
    /// (`exp(v − max v)` with `v = E[t] + beta[t]`) and `backwardShifts[t] = max v`.
    func backward(_ emissions: UnsafePointer<Float>, length: Int, workspace: borrowing CRFWorkspace) {
        let count = labelCount
        let scores = workspace.vector0, products = workspace.vector1
        let terms = workspace.vector2, values = workspace.vector3
        transitions.withUnsafeBufferPointer { transitions in
            expTransitions.withUnsafeBufferPointer { expTransitions in
                for i in 0..<count { scores[i] = end[i] }
                workspace.backwardOffsets[length - 1] = Self.normalise(
                    scores, count: count, into: workspace.beta + (length - 1) * count, weights: nil)
                for t in stride(from: length - 2, through: 0, by: -1) {
                    let next = workspace.beta + (t + 1) * count
                    let nextRow = emissions + (t + 1) * count
                    let weights = workspace.backwardWeights + (t + 1) * count
                    var maximum = -Float.infinity
                    for j in 0..<count {
                        values[j] = nextRow[j] + next[j]
                        maximum = max(maximum, values[j])
                    }
                    let nextOffset = workspace.backwardOffsets[t + 1]
                    guard maximum > -.infinity, nextOffset > -.infinity else {
                        weights.update(repeating: 0, count: count)
                        workspace.backwardShifts[t + 1] = -.infinity
                        workspace.backwardOffsets[t] = -.infinity
                        (workspace.beta + t * count).update(repeating: -.infinity, count: count)
                        continue
                    }
                    for j in 0..<count { weights[j] = Kernels.exp(values[j] - maximum) }
                    workspace.backwardShifts[t + 1] = Double(maximum)
                    GEMM.multiplyVector(
                        transpose: false, rows: count, columns: count, alpha: 1,
                        a: expTransitions.baseAddress!, lda: count, x: weights, beta: 0, y: products)
                    for i in 0..<count {
                        if products[i] >= Self.underflowThreshold {
                            scores[i] = maximum + shift + Kernels.log(products[i])
                        } else {
                            for j in 0..<count { terms[j] = transitions[i * count + j] + values[j] }
                            scores[i] = Kernels.logSumExp(count: count, terms)
                        }
                    }
                    let rowMaximum = Self.normalise(scores, count: count, into: workspace.beta + t * count, weights: nil)
                    workspace.backwardOffsets[t] = nextOffset + rowMaximum
                }
            }
        }
    }

    /// Adds `scale` times the posterior marginals
    /// `p(y_t = j) = exp(alpha_t(j) + beta_t(j) − log Z)` of `length` rows to
    /// `output` (row stride `labelCount`), after ``forward(_:length:workspace:)``
    /// and ``backward(_:length:workspace:)``. Adds nothing when `log Z` is not
    /// finite (no valid sequence).
    func addMarginals(
        length: Int, logPartition: Double, workspace: borrowing CRFWorkspace,
        scale: Float, into output: UnsafeMutablePointer<Float>
    ) {
        guard logPartition.isFinite else { return }
        let count = labelCount
        for t in 0..<length {
            let offset = workspace.forwardOffsets[t] + workspace.backwardOffsets[t] - logPartition
            guard offset.isFinite else { continue }
            let alpha = workspace.alpha + t * count, beta = workspace.beta + t * count
            let row = output + t * count
            let shift = Float(offset)
            for j in 0..<count { row[j] += scale * Kernels.exp(alpha[j] + beta[j] + shift) }
        }
    }

    /// Subtracts the maximum of `scores` and writes the result to `output`
    /// (and its exponentials to `weights`); returns the maximum. When every
    /// score is `-infinity` the output is `-infinity`, the weights 0 and the
    /// returned maximum `-infinity`.
    private static func normalise(
        _ scores: UnsafeMutablePointer<Float>, count: Int,
        into output: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>?
    ) -> Double {
        var maximum = -Float.infinity
        for j in 0..<count { maximum = max(maximum, scores[j]) }
        guard maximum > -.infinity else {
            output.update(repeating: -.infinity, count: count)
            weights?.update(repeating: 0, count: count)
            return -.infinity
        }
        for j in 0..<count { output[j] = scores[j] - maximum }
        if let weights {
            for j in 0..<count { weights[j] = Kernels.exp(output[j]) }
        }
        return Double(maximum)
    }
}
