#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotMath

/// The posterior distribution of a CRF over the label sequences of one
/// sentence, from forward-backward: per-token marginals, the probability of
/// a whole sequence and the confidence of a span (a chatbot's slot).
///
/// Made by ``CRFDecoder/posterior(emissions:rows:)``; when the decoder has
/// constraints, every probability is over the valid sequences only.
package struct CRFPosterior: Sendable {
    /// The number of tokens `T`.
    package let length: Int
    /// `log Z`, the log of the summed exponentiated scores of all (valid) sequences.
    package let logPartition: Double
    /// `p(y_t = j)` at row `t`, column `j`: `T × L`, rows summing to 1 (all
    /// zero when no valid sequence exists).
    package let marginals: Matrix

    private let scores: CRFScores
    private let emissions: [Float]
    /// The forward vectors, each row scaled: in probability space
    /// `log alpha_t(j) = log alpha[t·L + j] + forwardOffsets[t]`, or, from
    /// the log-space passes, `alpha[t·L + j] + forwardOffsets[t]`.
    private let alpha: [Float]
    /// The backward vectors, scaled the same way with `backwardOffsets`.
    private let beta: [Float]
    /// Whether `alpha` and `beta` hold logarithms (the log-space passes ran).
    private let vectorsAreLogarithms: Bool
    /// The log of each forward row's scale.
    private let forwardOffsets: [Double]
    /// The log of each backward row's scale.
    private let backwardOffsets: [Double]

    init(scores: CRFScores, emissions pointer: UnsafePointer<Float>, length: Int) {
        let count = scores.labelCount
        self.scores = scores
        self.length = length
        self.emissions = Array(UnsafeBufferPointer(start: pointer, count: length * count))
        guard length > 0 else {
            logPartition = 0
            marginals = Matrix(rows: 0, columns: count)
            alpha = []
            beta = []
            vectorsAreLogarithms = false
            forwardOffsets = []
            backwardOffsets = []
            return
        }
        if let pass = scores.scaledForwardBackward(pointer, length: length),
           let marginals = Self.marginals(pass, length: length, labelCount: count) {
            logPartition = pass.logPartition
            alpha = pass.alpha
            beta = pass.beta
            vectorsAreLogarithms = false
            forwardOffsets = pass.forwardOffsets
            backwardOffsets = pass.backwardOffsets
            self.marginals = marginals
            return
        }
        // No valid sequence, or a step whose mass underflows in probability space: the log-space passes.
        let workspace = CRFWorkspace(capacity: length, labelCount: count)
        let logPartition = scores.forward(pointer, length: length, workspace: workspace)
        scores.backward(pointer, length: length, workspace: workspace)
        var marginals = Matrix(rows: length, columns: count)
        marginals.withUnsafeMutableBufferPointer { output in
            scores.addMarginals(
                length: length, logPartition: logPartition, workspace: workspace, scale: 1, into: output.baseAddress!)
        }
        self.logPartition = logPartition
        self.marginals = marginals
        alpha = Array(UnsafeBufferPointer(start: workspace.alpha, count: length * count))
        beta = Array(UnsafeBufferPointer(start: workspace.beta, count: length * count))
        vectorsAreLogarithms = true
        forwardOffsets = Array(UnsafeBufferPointer(start: workspace.forwardOffsets, count: length))
        backwardOffsets = Array(UnsafeBufferPointer(start: workspace.backwardOffsets, count: length))
    }

    /// The log of a scaled forward or backward value (without its row's offset).
    private func logarithm(of value: Float) -> Double {
        vectorsAreLogarithms ? Double(value) : log(Double(value))
    }

    /// `p(y_t = j) = alpha_t(j) beta_t(j) / Σ_k alpha_t(k) beta_t(k)` from the
    /// scaled vectors, or `nil` when a row's sum underflows.
    private static func marginals(_ pass: ScaledForwardBackward, length: Int, labelCount count: Int) -> Matrix? {
        var marginals = Matrix(rows: length, columns: count)
        let complete = marginals.withUnsafeMutableBufferPointer { output in
            pass.alpha.withUnsafeBufferPointer { alpha in
                pass.beta.withUnsafeBufferPointer { beta in
                    for t in 0..<length {
                        let row = output.baseAddress! + t * count
                        let a = alpha.baseAddress! + t * count, b = beta.baseAddress! + t * count
                        var total = 0.0
                        for j in 0..<count {
                            row[j] = a[j] * b[j]
                            total += Double(row[j])
                        }
                        guard total > 0, total.isFinite else { return false }
                        let inverse = Float(1 / total)
                        guard inverse.isFinite else { return false }
                        for j in 0..<count { row[j] *= inverse }
                    }
                    return true
                }
            }
        }
        return complete ? marginals : nil
    }

    package var labelCount: Int { scores.labelCount }

    /// The marginal probability of each token's label in `labels`: the
    /// per-token confidence of a decoded path.
    ///
    /// - Parameter labels: one label index per token.
    /// - Returns: `p(y_t = labels[t])` for every token.
    package func tokenConfidences(for labels: [Int]) -> [Double] {
        precondition(labels.count == length, "\(labels.count) labels for \(length) tokens")
        return labels.enumerated().map { Double(marginals[$0.offset, $0.element]) }
    }

    /// The probability of a whole label sequence, `exp(score(y) − log Z)`
    /// (0 when it breaks the constraints).
    ///
    /// - Parameter labels: one label index per token.
    /// - Returns: `p(y | emissions)`.
    package func sequenceProbability(_ labels: [Int]) -> Double {
        precondition(labels.count == length, "\(labels.count) labels for \(length) tokens")
        precondition(labels.allSatisfy { (0..<labelCount).contains($0) }, "a label index lies outside 0..<\(labelCount)")
        guard length > 0 else { return 1 }
        let score = emissions.withUnsafeBufferPointer { emissions in
            labels.withUnsafeBufferPointer { scores.score(emissions.baseAddress!, labels: $0) }
        }
        return CRFDecoder.probability(score, logPartition)
    }

    /// The marginal probability that tokens `start ..< start + labels.count`
    /// carry exactly `labels` and that the next token (if any) carries none
    /// of `excludingNext`, summed exactly over every sequence outside the span:
    /// ```
    /// p = exp(alpha_s(y_s) + Σ_{t=s+1}^{e−1} (A[y_{t−1}, y_t] + E[t, y_t]) + tail − log Z)
    /// tail = beta_{e−1}(y_{e−1})                                              (e = T or nothing excluded)
    ///      = log Σ_{j ∉ excludingNext} exp(A[y_{e−1}, j] + E[e, j] + beta_e(j))   (otherwise)
    /// ```
    /// For a BIO chunk, pass its labels and
    /// ``TransitionConstraints/continuationLabels(of:)`` of its last label:
    /// the result is the probability that exactly this chunk is in the
    /// sentence (a slot's confidence).
    ///
    /// - Parameters:
    ///   - start: the first token of the span.
    ///   - labels: the span's labels, at least one, ending at or before the last token.
    ///   - excludingNext: labels the token after the span must not carry.
    /// - Returns: the probability, in `[0, 1]`.
    package func spanProbability(start: Int, labels: [Int], excludingNext: [Int] = []) -> Double {
        let end = start + labels.count
        precondition(!labels.isEmpty && start >= 0 && end <= length,
                     "span \(start)..<\(end) is empty or lies outside the \(length) tokens")
        precondition((labels + excludingNext).allSatisfy { (0..<labelCount).contains($0) },
                     "a label index lies outside 0..<\(labelCount)")
        guard logPartition.isFinite else { return 0 }
        let count = labelCount
        var logProbability = logarithm(of: alpha[start * count + labels[0]]) + forwardOffsets[start]
        for k in 1..<labels.count {
            logProbability += Double(scores.transitions[labels[k - 1] * count + labels[k]])
            logProbability += Double(emissions[(start + k) * count + labels[k]])
        }
        let last = labels[labels.count - 1]
        if excludingNext.isEmpty || end == length {
            logProbability += logarithm(of: beta[(end - 1) * count + last]) + backwardOffsets[end - 1]
        } else {
            var terms = [Float](repeating: -.infinity, count: count)
            for j in 0..<count where !excludingNext.contains(j) {
                let transition = scores.transitions[last * count + j]
                // A forbidden transition's term stays −∞ whatever beta is: no logarithm needed.
                if transition == -.infinity { continue }
                terms[j] = transition + emissions[end * count + j] + Float(logarithm(of: beta[end * count + j]))
            }
            logProbability += Double(terms.logSumExp) + backwardOffsets[end]
        }
        guard logProbability > -.infinity else { return 0 }
        return min(1, max(0, exp(logProbability - logPartition)))
    }
}
