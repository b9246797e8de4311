import SlotMath

extension SoftmaxOutput {
    /// The summed label-smoothed cross-entropy of gold labels and its
    /// gradient: the target puts `1 − ε` on the gold label and spreads `ε`
    /// evenly over all `L` labels, which keeps the classifier from becoming
    /// over-confident on a small or noisily labelled training set.
    ///
    /// ```
    /// q_j            = (1 − ε)·[gold = j] + ε / L
    /// loss           = Σ_rows −Σ_j q_j · log p_j = Σ_rows (logΣexp(x) − Σ_j q_j · x_j)
    /// ∂loss/∂x_j     = p_j − q_j
    /// ```
    /// With `ε = 0` this is ``crossEntropy(logits:rows:labels:logitGradient:scale:)``.
    ///
    /// - Parameters:
    ///   - logits: `N × L` scores.
    ///   - labels: the gold label of every row.
    ///   - smoothing: `ε`, in `[0, 1)`.
    ///   - logitGradient: `N × L`; receives `+= scale · ∂loss/∂X`.
    ///   - scale: multiplies the gradient (not the returned loss).
    /// - Returns: the summed smoothed loss, in nats.
    package func smoothedCrossEntropy(
        logits: Matrix, labels: [Int], smoothing: Float, logitGradient: inout Matrix, scale: Float = 1
    ) -> Double {
        let count = labelCount
        precondition(smoothing >= 0 && smoothing < 1, "label smoothing must be in [0, 1), got \(smoothing)")
        precondition(logits.columns == count, "logits have \(logits.columns) columns, expected \(count)")
        precondition(labels.count == logits.rows, "\(labels.count) labels for \(logits.rows) rows")
        precondition(logitGradient.rows == logits.rows && logitGradient.columns == count,
                     "logit gradient is \(logitGradient.rows)×\(logitGradient.columns), expected \(logits.rows)×\(count)")
        precondition(labels.allSatisfy { (0..<count).contains($0) }, "a gold label lies outside 0..<\(count)")
        let spread = smoothing / Float(count)
        var total = 0.0
        logits.withUnsafeBufferPointer { logits in
            logitGradient.withUnsafeMutableBufferPointer { gradient in
                for row in 0..<labels.count {
                    let x = logits.baseAddress! + row * count
                    let g = gradient.baseAddress! + row * count
                    let normaliser = Kernels.logSumExp(count: count, x)
                    var expected = Double(1 - smoothing) * Double(x[labels[row]])
                    for j in 0..<count {
                        expected += Double(spread) * Double(x[j])
                        g[j] += scale * (Kernels.exp(x[j] - normaliser) - spread)
                    }
                    g[labels[row]] -= scale * (1 - smoothing)
                    total += Double(normaliser) - expected
                }
            }
        }
        return total
    }
}
