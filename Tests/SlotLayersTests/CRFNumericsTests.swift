#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

/// Numerical robustness: impossible labels, long sentences, huge scores and
/// the underflow fallbacks, against a plain log-space forward-backward in Double.
@Suite struct CRFNumericsTests {
    /// Forward-backward in Double straight from the recurrences, with
    /// `-infinity` masks from `constraints`.
    struct Reference {
        var logPartition: Double
        var marginals: [[Double]]
        var bestScore: Double

        init(crf: CRF, emissions: Matrix, constraints: TransitionConstraints? = nil) {
            let count = crf.labelCount, length = emissions.rows
            func mask(_ allowed: Bool) -> Double { allowed ? 0 : -.infinity }
            let start = (0..<count).map { Double(crf.start[0, $0]) + mask(constraints?.canStart($0) ?? true) }
            let end = (0..<count).map { Double(crf.end[0, $0]) + mask(constraints?.canEnd($0) ?? true) }
            let transitions = (0..<count).map { i in
                (0..<count).map { j in Double(crf.transitions[i, j]) + mask(constraints?.allows(from: i, to: j) ?? true) }
            }
            func logSumExp(_ values: [Double]) -> Double {
                let maximum = values.max() ?? -.infinity
                guard maximum > -.infinity else { return -.infinity }
                return maximum + log(values.reduce(0) { $0 + exp($1 - maximum) })
            }
            var alpha = [[Double]](repeating: [], count: length)
            var beta = alpha
            var delta = [Double]()
            for t in 0..<length {
                let row = (0..<count).map { Double(emissions[t, $0]) }
                if t == 0 {
                    alpha[0] = (0..<count).map { start[$0] + row[$0] }
                    delta = alpha[0]
                } else {
                    alpha[t] = (0..<count).map { j in logSumExp((0..<count).map { alpha[t - 1][$0] + transitions[$0][j] }) + row[j] }
                    delta = (0..<count).map { j in (0..<count).map { delta[$0] + transitions[$0][j] }.max()! + row[j] }
                }
            }
            beta[length - 1] = end
            for t in stride(from: length - 2, through: 0, by: -1) {
                beta[t] = (0..<count).map { i in
                    logSumExp((0..<count).map { transitions[i][$0] + Double(emissions[t + 1, $0]) + beta[t + 1][$0] })
                }
            }
            logPartition = logSumExp((0..<count).map { alpha[length - 1][$0] + end[$0] })
            let logZ = logPartition
            marginals = (0..<length).map { t in (0..<count).map { exp(alpha[t][$0] + beta[t][$0] - logZ) } }
            bestScore = (0..<count).map { delta[$0] + end[$0] }.max()!
        }
    }

    private static func expectClose(_ marginals: Matrix, _ reference: Reference, tolerance: Double, _ note: String) {
        for t in 0..<marginals.rows {
            for j in 0..<marginals.columns {
                #expect(abs(Double(marginals[t, j]) - reference.marginals[t][j]) <= tolerance, "\(note): p(y_\(t) = \(j))")
            }
        }
    }

    @Test func onlyOneFiniteLabelPerTokenGivesCertainty() {
        var generator = SplitMix64(seed: 5)
        let crf = CRF(labelCount: 4, using: &generator)
        let path = [2, 0, 0, 3, 1]
        var emissions = Matrix(rows: path.count, columns: 4, repeating: -.infinity)
        for (t, label) in path.enumerated() { emissions[t, label] = Float(t) - 1 }
        let posterior = crf.posterior(emissions: emissions)
        #expect(abs(posterior.logPartition - crf.score(emissions: emissions, labels: path)) <= 1e-5)
        for (t, label) in path.enumerated() {
            for j in 0..<4 where j != label { #expect(posterior.marginals[t, j] == 0) }
            #expect(abs(posterior.marginals[t, label] - 1) <= 1e-6)
        }
        let decoded = crf.decode(emissions: emissions)
        #expect(decoded.labels == path)
        #expect(abs(decoded.probability - 1) <= 1e-6)
        #expect(crf.nBest(emissions: emissions, k: 3).map(\.labels) == [path])
        #expect(abs(posterior.spanProbability(start: 1, labels: [0, 0, 3]) - 1) <= 1e-6)

        let (loss, gradient, emissionGradient) = crf.negativeLogLikelihood(emissions: emissions, labels: path)
        #expect(abs(loss) <= 1e-5)
        #expect(emissionGradient.scalars.allSatisfy { abs($0) <= 1e-6 })
        #expect(gradient.namedParameters.allSatisfy { $0.value.scalars.allSatisfy { abs($0) <= 1e-6 } })

        let (impossibleLoss, impossibleGradient, impossibleEmissionGradient) =
            crf.negativeLogLikelihood(emissions: emissions, labels: [1, 0, 0, 3, 1])
        #expect(impossibleLoss == .infinity)
        #expect(impossibleEmissionGradient.scalars.allSatisfy { $0.isFinite })
        #expect(impossibleGradient.namedParameters.allSatisfy { $0.value.scalars.allSatisfy { $0.isFinite } })
    }

    @Test func allLabelsImpossibleGivesNoGradientAndNoNaN() {
        let crf = CRF(labelCount: 2)
        let emissions = Matrix(rows: 3, columns: 2, repeating: -.infinity)
        #expect(crf.logPartition(emissions: emissions) == -.infinity)
        #expect(crf.marginals(emissions: emissions) == Matrix(rows: 3, columns: 2))
        let (_, gradient, emissionGradient) = crf.negativeLogLikelihood(emissions: emissions, labels: [0, 1, 0])
        #expect(emissionGradient == Matrix(rows: 3, columns: 2))
        #expect(gradient == crf.zeroed)
    }

    @Test func longSentencesKeepFullPrecision() {
        var generator = SplitMix64(seed: 77)
        let count = 8
        let crf = CRF(
            start: .uniform(rows: 1, columns: count, bound: 3, using: &generator),
            end: .uniform(rows: 1, columns: count, bound: 3, using: &generator),
            transitions: .uniform(rows: count, columns: count, bound: 3, using: &generator))
        let emissions = Matrix.uniform(rows: 300, columns: count, bound: 5, using: &generator)
        let reference = Reference(crf: crf, emissions: emissions)
        let posterior = crf.posterior(emissions: emissions)
        // log Z is about 1000 here: the Double row offsets keep it to Float's
        // relative precision per token, not per sentence.
        #expect(abs(posterior.logPartition - reference.logPartition) <= 1e-3)
        Self.expectClose(posterior.marginals, reference, tolerance: 2e-5, "T=300")
        #expect(abs(crf.decode(emissions: emissions).score - reference.bestScore) <= 1e-9)
    }

    /// Emission gaps of hundreds of nats, with constraints: the exp-space
    /// products underflow to 0 for whole columns (an I-X reachable only from
    /// a B-X that scored 150 below the best label), so the exact log-space
    /// fallback must take over.
    @Test func hugeScoreGapsUnderConstraintsMatchTheReference() {
        let labels = ["O", "B-x", "I-x"]
        let constraints = TransitionConstraints(bioLabels: labels)
        let crf = CRF(labelCount: 3)
        let emissions = Matrix([
            [0, -150, -400],
            [0, -150, 300],
            [-200, 0, 250],
            [10, -300, -300],
        ])
        let reference = Reference(crf: crf, emissions: emissions, constraints: constraints)
        let decoder = CRFDecoder(crf, constraints: constraints)
        let posterior = decoder.posterior(emissions: emissions)
        #expect(abs(posterior.logPartition - reference.logPartition) <= 1e-4 * abs(reference.logPartition))
        Self.expectClose(posterior.marginals, reference, tolerance: 1e-5, "gaps")
        #expect(decoder.decode(emissions: emissions).labels == [1, 2, 2, 0])
        #expect(abs(posterior.spanProbability(start: 0, labels: [1, 2, 2], excludingNext: [2]) - 1) <= 1e-5)

        let unconstrained = Reference(crf: crf, emissions: emissions)
        Self.expectClose(crf.marginals(emissions: emissions), unconstrained, tolerance: 1e-5, "unconstrained gaps")
    }

    /// A transition score far above the ones in use makes the scale factor of
    /// the expected transition counts exceed e^60, so they are summed exactly.
    @Test func unusedHugeTransitionTakesTheExactPairwisePath() {
        var crf = CRF(labelCount: 3)
        crf.transitions[0, 0] = 90
        crf.transitions[1, 2] = 1.5
        crf.transitions[2, 1] = -0.5
        let emissions = Matrix([
            [-200, 1, 0.5],
            [-200, 0.2, 1],
            [-200, 0.7, -0.3],
        ])
        let gold = [1, 2, 1]
        let oracle = BruteForceCRF(crf: crf, emissions: emissions)
        let expected = oracle.gradient(gold: gold)
        let (loss, gradient, emissionGradient) = crf.negativeLogLikelihood(emissions: emissions, labels: gold)
        #expect(abs(loss - (oracle.logPartition - oracle.score(gold))) <= 1e-4)
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(abs(Double(gradient.transitions[i, j]) - expected.transitions[i][j]) <= 1e-5, "transitions[\(i), \(j)]")
            }
            for t in 0..<3 {
                #expect(abs(Double(emissionGradient[t, i]) - expected.emissions[t][i]) <= 1e-5, "emissions[\(t), \(i)]")
            }
        }
    }

    @Test func emptySentenceHasProbabilityOne() {
        let crf = CRF(labelCount: 3)
        let emissions = Matrix(rows: 0, columns: 3)
        #expect(crf.decode(emissions: emissions) == CRFPath(labels: [], score: 0, probability: 1))
        #expect(crf.nBest(emissions: emissions, k: 4) == [CRFPath(labels: [], score: 0, probability: 1)])
        #expect(crf.logPartition(emissions: emissions) == 0)
        #expect(crf.marginals(emissions: emissions).shape == [0, 3])
        #expect(crf.posterior(emissions: emissions).sequenceProbability([]) == 1)
        let (loss, gradient, emissionGradient) = crf.negativeLogLikelihood(emissions: emissions, labels: [])
        #expect(loss == 0)
        #expect(gradient == crf.zeroed)
        #expect(emissionGradient.shape == [0, 3])
    }
}
