#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

@Suite struct SoftmaxOutputTests {
    @Test func crossEntropyOfAKnownRow() {
        let output = SoftmaxOutput(labelCount: 2)
        // p = [1/4, 3/4]
        let (loss, gradient) = output.crossEntropy(logits: Matrix([[0, Float(log(3.0))]]), labels: [1])
        #expect(abs(loss - -log(0.75)) <= 1e-7)
        #expect(abs(gradient[0, 0] - 0.25) <= 1e-7)
        #expect(abs(gradient[0, 1] + 0.25) <= 1e-7)
    }

    @Test func lossIsSummedOverRowsAndGradientScaled() {
        let output = SoftmaxOutput(labelCount: 3)
        let logits = Matrix([[1, 2, 3], [0, 0, 0], [5, -5, 0], [2, 2, 2]])
        let labels = [2, 0, 1, 1]
        var gradient = Matrix(rows: 4, columns: 3, repeating: 1)
        let loss = output.crossEntropy(logits: logits, rows: 1..<3, labels: labels, logitGradient: &gradient, scale: 0.5)
        let expected = log(3.0) + (log(exp(5.0) + exp(-5.0) + 1) + 5)
        #expect(abs(loss - expected) <= 1e-5)
        #expect(gradient.row(0) == [1, 1, 1])
        #expect(gradient.row(3) == [1, 1, 1])
        #expect(abs(gradient[1, 0] - Float(1 + 0.5 * (1.0 / 3 - 1))) <= 1e-6)
        #expect(abs(gradient[1, 1] - Float(1 + 0.5 / 3)) <= 1e-6)
    }

    @Test func gradientMatchesFiniteDifferences() {
        var generator = SplitMix64(seed: 8)
        let logits = Matrix.uniform(rows: 6, columns: 5, bound: 3, using: &generator)
        let labels = (0..<6).map { _ in Int(generator.next() % 5) }
        let output = SoftmaxOutput(labelCount: 5)
        let gradient = output.crossEntropy(logits: logits, labels: labels).logitGradient
        let report = GradientCheck().check(input: logits, analytic: gradient) {
            output.crossEntropy(logits: $0, labels: labels).loss
        }
        #expect(report.passed, "\(report)")
    }

    @Test func unconstrainedDecodingIsArgmaxAndConfidenceIsSoftmax() {
        let output = SoftmaxOutput(labelCount: 3)
        let logits = Matrix([[0, 0, 9], [0, 1, 0], [3, 2, 1], [-4, -3, 0]])
        let path = output.decode(logits: logits, rows: 1..<4)
        #expect(path.labels == [1, 0, 2])
        let probabilities = SoftmaxOutput.probabilities(logits: logits, rows: 1..<4)
        let expectedProbability = Double(probabilities[0, 1] * probabilities[1, 0] * probabilities[2, 2])
        #expect(abs(path.probability - expectedProbability) <= 1e-6)
        let posterior = output.posterior(logits: logits, rows: 1..<4)
        for t in 0..<3 {
            for j in 0..<3 { #expect(abs(posterior.marginals[t, j] - probabilities[t, j]) <= 1e-6) }
            #expect(abs(probabilities.row(t).reduce(0, +) - 1) <= 1e-6)
        }
        // Unconstrained, a span's probability is the product of its tokens' probabilities.
        let span = posterior.spanProbability(start: 0, labels: [1, 0], excludingNext: [2])
        let expectedSpan = Double(probabilities[0, 1] * probabilities[1, 0] * (1 - probabilities[2, 2]))
        #expect(abs(span - expectedSpan) <= 1e-6)
    }

    @Test func constrainedDecodingIsTheMostProbableValidSequence() throws {
        let labels = ["O", "B-a", "I-a", "B-b", "I-b"]
        let constraints = TransitionConstraints(bioLabels: labels)
        let output = SoftmaxOutput(labelCount: 5, constraints: constraints)
        #expect(output.constraints == constraints)
        var generator = SplitMix64(seed: 12)
        for trial in 0..<20 {
            var logits = Matrix.uniform(rows: 4, columns: 5, bound: 2, using: &generator)
            // Make the inside labels tempting so that argmax is often invalid.
            for t in 0..<4 {
                logits[t, 2] += 1.5
                logits[t, 4] += 1.5
            }
            let path = output.decode(logits: logits)
            #expect(constraints.isValid(path.labels), "trial \(trial)")
            // The oracle: enumerate valid sequences scored by Σ log p.
            let logProbabilities = Matrix(rows: 4, columns: 5, scalars: (0..<4).flatMap { t in
                let row = logits.row(t)
                let normaliser = row.logSumExp
                return row.map { $0 - normaliser }
            })
            let oracle = BruteForceCRF(crf: CRF(labelCount: 5), emissions: logProbabilities) {
                BruteForceCRF.isValidBIO($0, names: labels)
            }
            let best = try #require(oracle.best)
            #expect(path.labels == best.labels, "trial \(trial)")
            #expect(abs(path.score - best.score) <= 1e-5)
            let marginals = output.posterior(logits: logits).marginals
            let expected = oracle.marginals
            for t in 0..<4 {
                for j in 0..<5 { #expect(abs(Double(marginals[t, j]) - expected[t][j]) <= 1e-5) }
            }
        }
    }
}
