import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

/// Every CRF computation against enumeration of all label sequences, for
/// 1…5 tokens and 1…4 labels, several seeded random trials each.
@Suite struct CRFBruteForceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let length: Int
        let labelCount: Int
        var testDescription: String { "T=\(length) L=\(labelCount)" }
    }

    static let cases = (1...5).flatMap { length in (1...4).map { Case(length: length, labelCount: $0) } }
    static let trials: [UInt64] = [1, 2, 3]

    /// A random CRF with scores in [-2, 2) and emissions in [-3, 3).
    static func problem(_ testCase: Case, seed: UInt64) -> (crf: CRF, emissions: Matrix, gold: [Int]) {
        var generator = SplitMix64(seed: seed &* 1000 &+ UInt64(testCase.length * 10 + testCase.labelCount))
        let count = testCase.labelCount
        let crf = CRF(
            start: .uniform(rows: 1, columns: count, bound: 2, using: &generator),
            end: .uniform(rows: 1, columns: count, bound: 2, using: &generator),
            transitions: .uniform(rows: count, columns: count, bound: 2, using: &generator))
        let emissions = Matrix.uniform(rows: testCase.length, columns: count, bound: 3, using: &generator)
        let gold = (0..<testCase.length).map { _ in Int(generator.next() % UInt64(count)) }
        return (crf, emissions, gold)
    }

    @Test(arguments: cases)
    func logPartitionAndScoreMatch(testCase: Case) {
        for seed in Self.trials {
            let (crf, emissions, gold) = Self.problem(testCase, seed: seed)
            let oracle = BruteForceCRF(crf: crf, emissions: emissions)
            #expect(abs(crf.logPartition(emissions: emissions) - oracle.logPartition) <= 1e-5 * max(1, abs(oracle.logPartition)))
            #expect(abs(crf.score(emissions: emissions, labels: gold) - oracle.score(gold)) <= 1e-9)
        }
    }

    @Test(arguments: cases)
    func lossAndGradientMatch(testCase: Case) {
        for seed in Self.trials {
            let (crf, emissions, gold) = Self.problem(testCase, seed: seed)
            let oracle = BruteForceCRF(crf: crf, emissions: emissions)
            let (loss, gradient, emissionGradient) = crf.negativeLogLikelihood(emissions: emissions, labels: gold)
            let expected = oracle.gradient(gold: gold)
            #expect(abs(loss - (oracle.logPartition - oracle.score(gold))) <= 1e-5 * max(1, abs(oracle.logPartition)))
            let tolerance: Float = 2e-5
            for j in 0..<testCase.labelCount {
                #expect(abs(gradient.start[0, j] - Float(expected.start[j])) <= tolerance, "start[\(j)]")
                #expect(abs(gradient.end[0, j] - Float(expected.end[j])) <= tolerance, "end[\(j)]")
                for i in 0..<testCase.labelCount {
                    #expect(abs(gradient.transitions[i, j] - Float(expected.transitions[i][j])) <= tolerance,
                            "transitions[\(i), \(j)]")
                }
                for t in 0..<testCase.length {
                    #expect(abs(emissionGradient[t, j] - Float(expected.emissions[t][j])) <= tolerance, "emissions[\(t), \(j)]")
                }
            }
        }
    }

    @Test(arguments: cases)
    func viterbiFindsTheBestSequence(testCase: Case) throws {
        for seed in Self.trials {
            let (crf, emissions, _) = Self.problem(testCase, seed: seed)
            let oracle = BruteForceCRF(crf: crf, emissions: emissions)
            let best = try #require(oracle.best)
            let path = crf.decode(emissions: emissions)
            #expect(path.labels == best.labels)
            #expect(abs(path.score - best.score) <= 1e-9)
            #expect(abs(path.probability - oracle.probability(best.labels)) <= 1e-5)
        }
    }

    @Test(arguments: cases)
    func marginalsMatch(testCase: Case) {
        for seed in Self.trials {
            let (crf, emissions, _) = Self.problem(testCase, seed: seed)
            let expected = BruteForceCRF(crf: crf, emissions: emissions).marginals
            let marginals = crf.marginals(emissions: emissions)
            #expect(marginals.shape == [testCase.length, testCase.labelCount])
            for t in 0..<testCase.length {
                for j in 0..<testCase.labelCount {
                    #expect(abs(Double(marginals[t, j]) - expected[t][j]) <= 1e-5, "p(y_\(t) = \(j))")
                }
                #expect(abs(marginals.row(t).reduce(0, +) - 1) <= 1e-5)
            }
        }
    }

    @Test(arguments: cases)
    func nBestListsTheTopSequences(testCase: Case) {
        for seed in Self.trials {
            let (crf, emissions, _) = Self.problem(testCase, seed: seed)
            let oracle = BruteForceCRF(crf: crf, emissions: emissions)
            let k = min(6, oracle.sequences.count + 2)
            let list = crf.nBest(emissions: emissions, k: k)
            #expect(list.count == min(k, oracle.sequences.count))
            #expect(Set(list.map(\.labels)).count == list.count, "sequences must be distinct")
            for (rank, path) in list.enumerated() {
                // Scores match the sorted enumeration rank by rank; labels too unless two scores tie.
                #expect(abs(path.score - oracle.sequences[rank].score) <= 1e-9)
                #expect(abs(path.score - oracle.score(path.labels)) <= 1e-9)
                #expect(abs(path.probability - oracle.probability(path.labels)) <= 1e-5)
            }
            #expect(list.first?.labels == crf.decode(emissions: emissions).labels)
        }
    }

    @Test(arguments: cases)
    func spanAndSequenceProbabilitiesMatch(testCase: Case) {
        for seed in Self.trials {
            let (crf, emissions, gold) = Self.problem(testCase, seed: seed)
            let oracle = BruteForceCRF(crf: crf, emissions: emissions)
            let posterior = crf.posterior(emissions: emissions)
            #expect(abs(posterior.logPartition - oracle.logPartition) <= 1e-5 * max(1, abs(oracle.logPartition)))
            #expect(abs(posterior.sequenceProbability(gold) - oracle.probability(gold)) <= 1e-6)
            var generator = SplitMix64(seed: seed)
            for start in 0..<testCase.length {
                for end in (start + 1)...testCase.length {
                    let labels = Array(gold[start..<end])
                    let excluded = (0..<testCase.labelCount).filter { _ in generator.next() % 2 == 0 }
                    #expect(abs(posterior.spanProbability(start: start, labels: labels)
                                - oracle.spanProbability(start: start, labels: labels)) <= 1e-5,
                            "span \(start)..<\(end)")
                    #expect(abs(posterior.spanProbability(start: start, labels: labels, excludingNext: excluded)
                                - oracle.spanProbability(start: start, labels: labels, excludingNext: excluded)) <= 1e-5,
                            "span \(start)..<\(end) excluding \(excluded)")
                }
            }
            let confidences = posterior.tokenConfidences(for: gold)
            let marginals = oracle.marginals
            for (t, label) in gold.enumerated() {
                #expect(abs(confidences[t] - marginals[t][label]) <= 1e-5)
            }
        }
    }
}
