#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotMath

/// Forward and backward vectors of one sentence in probability space, each
/// row scaled to sum to 1, with the log of each row's scale kept apart:
/// `log alpha_t(j) = log alpha[t, j] + forwardOffsets[t]` (and the same for
/// `beta`), where `alpha` and `beta` are the log-space quantities of
/// ``CRFScores/forward(_:length:workspace:)`` and ``CRFScores/backward(_:length:workspace:)``.
struct ScaledForwardBackward {
    /// The scaled forward vectors, `T × L`, row-major.
    var alpha: [Float]
    /// The scaled backward vectors, `T × L`, row-major.
    var beta: [Float]
    /// The log of each forward row's scale.
    var forwardOffsets: [Double]
    /// The log of each backward row's scale.
    var backwardOffsets: [Double]
    /// `log Z`.
    var logPartition: Double
}

extension CRFScores {
    /// Forward-backward for inference, in probability space: each step is a
    /// product by `exp(A − shift)` (one row times a matrix, on the direct
    /// kernel: `expTransitions` forward, `expIncomingTransitions` backward)
    /// and an elementwise product by the step's
    /// `exp(E_t − max E_t)`, then a rescaling, so a token costs one vector
    /// exponential and no logarithm per label (the log-space passes that
    /// training's likelihood uses take a logarithm and an exponential per
    /// label and step). The same quantities up to rounding.
    ///
    /// - Returns: the scaled vectors, or `nil` when probability space cannot
    ///   hold them in `Float`: no valid sequence, a row's mass vanishing, or
    ///   two scores of one step (or two transitions) more than
    ///   ``probabilityRange`` apart, whose exponentials would flush to 0 where
    ///   a later step might still need them. The caller then takes the
    ///   log-space passes, which are exact there.
    func scaledForwardBackward(_ emissions: UnsafePointer<Float>, length: Int) -> ScaledForwardBackward? {
        precondition(length > 0, "a forward-backward pass needs at least one token")
        guard transitionsFitProbabilitySpace else { return nil }
        let count = labelCount
        var alpha = [Float](repeating: 0, count: length * count), beta = alpha
        // exp(E[t, j] − max_j E[t, j]) for t ≥ 1, and each row's maximum.
        var factors = alpha
        var maxima = [Double](repeating: 0, count: length)
        var forwardOffsets = maxima, backwardOffsets = maxima
        var weights = [Float](repeating: 0, count: count)
        let endMaximum = end.lazy.filter { $0 > -.infinity }.max() ?? -.infinity
        guard endMaximum > -.infinity else { return nil }
        let logPartition: Double? = alpha.withUnsafeMutableBufferPointer { alphaBuffer in
        beta.withUnsafeMutableBufferPointer { betaBuffer in
        factors.withUnsafeMutableBufferPointer { factorBuffer in
        weights.withUnsafeMutableBufferPointer { weightBuffer in
        expTransitions.withUnsafeBufferPointer { expTransitions in
        expIncomingTransitions.withUnsafeBufferPointer { expIncoming in
            let alpha = alphaBuffer.baseAddress!, beta = betaBuffer.baseAddress!
            let factors = factorBuffer.baseAddress!, weights = weightBuffer.baseAddress!
            let shift = Double(self.shift)
            for t in 0..<length {
                let row = emissions + t * count, factor = factors + t * count
                var maximum = -Float.infinity
                for j in 0..<count {
                    factor[j] = t == 0 ? start[j] + row[j] : row[j]
                    maximum = max(maximum, factor[j])
                }
                guard maximum > -.infinity else { return nil }
                for j in 0..<count {
                    factor[j] -= maximum
                    if Self.flushesToZero(factor[j]) { return nil }
                }
                Kernels.exp(count: count, factor)
                maxima[t] = Double(maximum)
            }
            // Forward: alpha_0 = exp(start + E_0); alpha_t = (alpha_{t−1} · exp(A)) ⊙ exp(E_t).
            alpha.update(from: factors, count: count)
            guard let first = Self.rescale(alpha, count: count) else { return nil }
            forwardOffsets[0] = maxima[0] + first
            for t in 1..<length {
                let next = alpha + t * count, factor = factors + t * count
                GEMM.multiplyDirect(
                    m: 1, n: count, k: count, a: alpha + (t - 1) * count, lda: count,
                    transposedB: expTransitions.baseAddress!, ldb: count, accumulate: false, c: next, ldc: count)
                for j in 0..<count { next[j] *= factor[j] }
                guard let scale = Self.rescale(next, count: count) else { return nil }
                forwardOffsets[t] = forwardOffsets[t - 1] + shift + maxima[t] + scale
            }
            // Backward: beta_{T−1} = exp(end); beta_t = exp(A) · (exp(E_{t+1}) ⊙ beta_{t+1}).
            let last = beta + (length - 1) * count
            for j in 0..<count {
                last[j] = end[j] - endMaximum
                if Self.flushesToZero(last[j]) { return nil }
            }
            Kernels.exp(count: count, last)
            var total = 0.0
            let lastAlpha = alpha + (length - 1) * count
            for j in 0..<count { total += Double(lastAlpha[j]) * Double(last[j]) }
            guard total > 0, total.isFinite, let lastScale = Self.rescale(last, count: count) else { return nil }
            backwardOffsets[length - 1] = Double(endMaximum) + lastScale
            for t in stride(from: length - 2, through: 0, by: -1) {
                let next = beta + (t + 1) * count, factor = factors + (t + 1) * count
                for j in 0..<count { weights[j] = factor[j] * next[j] }
                GEMM.multiplyDirect(
                    m: 1, n: count, k: count, a: weights, lda: count,
                    transposedB: expIncoming.baseAddress!, ldb: count, accumulate: false, c: beta + t * count, ldc: count)
                guard let scale = Self.rescale(beta + t * count, count: count) else { return nil }
                backwardOffsets[t] = backwardOffsets[t + 1] + shift + maxima[t + 1] + scale
            }
            return forwardOffsets[length - 1] + Double(endMaximum) + log(total)
        }}}}}}
        guard let logPartition else { return nil }
        return ScaledForwardBackward(
            alpha: alpha, beta: beta, forwardOffsets: forwardOffsets, backwardOffsets: backwardOffsets,
            logPartition: logPartition)
    }

    /// How far below a step's best score a score may lie for its exponential
    /// to stay above 0 in `Float` (`exp(−87.3)` is the smallest normal `Float`).
    static let probabilityRange: Float = 87

    /// Whether `exp(x)` of a finite `x ≤ 0` would be lost to underflow.
    static func flushesToZero(_ x: Float) -> Bool {
        x < -probabilityRange && x > -.infinity
    }

    /// Divides the `count` values at `row` by their sum and returns the sum's
    /// log, or `nil` when the sum is 0, not finite, or too small to divide by in `Float`.
    private static func rescale(_ row: UnsafeMutablePointer<Float>, count: Int) -> Double? {
        var sum = 0.0
        for j in 0..<count { sum += Double(row[j]) }
        let inverse = Float(1 / sum)
        guard sum > 0, sum.isFinite, inverse.isFinite else { return nil }
        for j in 0..<count { row[j] *= inverse }
        return log(sum)
    }
}
