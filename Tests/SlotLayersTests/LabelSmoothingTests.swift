import Foundation
import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

@Suite("SoftmaxOutput label smoothing")
struct LabelSmoothingTests {
    @Test("two equal logits, ε = 0.2: loss log 2 and gradient p − q = [−0.4, 0.4]")
    func knownValues() {
        let softmax = SoftmaxOutput(labelCount: 2)
        var gradient = Matrix(rows: 1, columns: 2)
        let loss = softmax.smoothedCrossEntropy(
            logits: Matrix([[0, 0]]), labels: [0], smoothing: 0.2, logitGradient: &gradient, scale: 2)
        #expect(abs(loss - log(2)) <= 1e-6)
        #expect(abs(gradient[0, 0] + 0.8) <= 1e-6 && abs(gradient[0, 1] - 0.8) <= 1e-6)
    }

    @Test("ε = 0 is the plain cross-entropy")
    func zeroSmoothing() {
        var generator = SplitMix64(seed: 8)
        let logits = Matrix.uniform(rows: 3, columns: 5, bound: 2, using: &generator)
        let softmax = SoftmaxOutput(labelCount: 5)
        var smoothed = Matrix(rows: 3, columns: 5)
        let loss = softmax.smoothedCrossEntropy(logits: logits, labels: [4, 0, 2], smoothing: 0, logitGradient: &smoothed)
        let plain = softmax.crossEntropy(logits: logits, labels: [4, 0, 2])
        #expect(abs(loss - plain.loss) <= 1e-6 * plain.loss)
        #expect(zip(smoothed.scalars, plain.logitGradient.scalars).allSatisfy { abs($0 - $1) <= 1e-6 })
    }

    @Test("the gradient matches central differences and adds into the accumulator")
    func gradientCheck() {
        var generator = SplitMix64(seed: 9)
        let logits = Matrix.uniform(rows: 4, columns: 6, bound: 3, using: &generator)
        let labels = [5, 0, 3, 3]
        let softmax = SoftmaxOutput(labelCount: 6)
        func loss(_ logits: Matrix) -> Double {
            var unused = Matrix(rows: 4, columns: 6)
            return softmax.smoothedCrossEntropy(logits: logits, labels: labels, smoothing: 0.15, logitGradient: &unused)
        }
        var gradient = Matrix(rows: 4, columns: 6, repeating: 1)
        _ = softmax.smoothedCrossEntropy(logits: logits, labels: labels, smoothing: 0.15, logitGradient: &gradient)
        gradient.add(Matrix(rows: 4, columns: 6, repeating: 1), scaledBy: -1)
        let report = GradientCheck().check(input: logits, analytic: gradient, loss: loss)
        #expect(report.passed, "\(report)")
        #expect(report.checkedCount == 24)
        for row in 0..<4 { #expect(abs(gradient.row(row).reduce(0, +)) <= 1e-5) }
    }
}
