import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

/// BIO constraints: the masks themselves, constrained inference against
/// brute force over valid sequences, and a property test that constrained
/// decoding never produces an invalid sequence.
@Suite struct CRFConstraintTests {
    static let labelSets: [[String]] = [
        ["O", "B-a", "I-a", "B-b", "I-b"],
        ["B-x", "I-x", "O"],
        ["I-a", "O", "B-b"],
        ["O", "I-a.b", "B-a.b", "time"],
    ]

    @Test func bioRulesForbidInsideStartsAndForeignPredecessors() {
        let labels = ["O", "B-a", "I-a", "B-b", "I-b", "misc"]
        let constraints = TransitionConstraints(bioLabels: labels)
        #expect(constraints.labelCount == 6)
        #expect(constraints.allowedStarts == [true, true, false, true, false, true])
        #expect(constraints.allowedEnds == Array(repeating: true, count: 6))
        let allowedIntoInsideA = (0..<6).filter { constraints.allows(from: $0, to: 2) }
        let allowedIntoInsideB = (0..<6).filter { constraints.allows(from: $0, to: 4) }
        #expect(allowedIntoInsideA == [1, 2])
        #expect(allowedIntoInsideB == [3, 4])
        for to in [0, 1, 3, 5] {
            #expect((0..<6).allSatisfy { constraints.allows(from: $0, to: to) }, "into \(labels[to])")
        }
        #expect(constraints.continuationLabels(of: 1) == [2])
        #expect(constraints.continuationLabels(of: 2) == [2])
        #expect(constraints.continuationLabels(of: 4) == [4])
        #expect(constraints.continuationLabels(of: 0) == [])
        #expect(constraints.continuationLabels(of: 5) == [])
    }

    @Test func unconstrainedLabelSetAllowsEverything() {
        let constraints = TransitionConstraints(labelCount: 3)
        #expect(constraints.isValid([2, 1, 0, 2]))
        #expect(TransitionConstraints(bioLabels: ["NOUN", "VERB"]) == TransitionConstraints(labelCount: 2))
    }

    @Test(arguments: labelSets)
    func validityMatchesTheIndependentBIOCheck(labels: [String]) {
        let constraints = TransitionConstraints(bioLabels: labels)
        var sequence = [Int](repeating: 0, count: 4)
        for code in 0..<(labels.count * labels.count * labels.count * labels.count) {
            var rest = code
            for t in 0..<4 {
                sequence[t] = rest % labels.count
                rest /= labels.count
            }
            for length in 0...4 {
                let prefix = Array(sequence.prefix(length))
                #expect(constraints.isValid(prefix) == BruteForceCRF.isValidBIO(prefix, names: labels), "\(prefix)")
            }
        }
    }

    @Test(arguments: labelSets)
    func constrainedInferenceMatchesBruteForceOverValidSequences(labels: [String]) throws {
        let constraints = TransitionConstraints(bioLabels: labels)
        let count = labels.count
        for length in 1...4 {
            for seed: UInt64 in [1, 2, 3] {
                var generator = SplitMix64(seed: seed &* 100 &+ UInt64(length))
                let crf = CRF(
                    start: .uniform(rows: 1, columns: count, bound: 2, using: &generator),
                    end: .uniform(rows: 1, columns: count, bound: 2, using: &generator),
                    transitions: .uniform(rows: count, columns: count, bound: 2, using: &generator))
                let emissions = Matrix.uniform(rows: length, columns: count, bound: 3, using: &generator)
                let oracle = BruteForceCRF(crf: crf, emissions: emissions) { BruteForceCRF.isValidBIO($0, names: labels) }
                let decoder = CRFDecoder(crf, constraints: constraints)

                #expect(abs(decoder.logPartition(emissions: emissions) - oracle.logPartition) <= 1e-5 * max(1, abs(oracle.logPartition)))
                let best = try #require(oracle.best)
                let path = decoder.decode(emissions: emissions)
                #expect(path.labels == best.labels)
                #expect(abs(path.score - best.score) <= 1e-9)
                #expect(abs(path.probability - oracle.probability(best.labels)) <= 1e-5)

                let marginals = decoder.marginals(emissions: emissions)
                let expected = oracle.marginals
                for t in 0..<length {
                    for j in 0..<count {
                        #expect(abs(Double(marginals[t, j]) - expected[t][j]) <= 1e-5, "p(y_\(t) = \(labels[j]))")
                    }
                }

                let list = decoder.nBest(emissions: emissions, k: 7)
                #expect(list.count == min(7, oracle.sequences.count))
                for (rank, candidate) in list.enumerated() {
                    #expect(abs(candidate.score - oracle.sequences[rank].score) <= 1e-9)
                    #expect(constraints.isValid(candidate.labels))
                    #expect(abs(candidate.probability - oracle.probability(candidate.labels)) <= 1e-5)
                }

                let posterior = decoder.posterior(emissions: emissions)
                for start in 0..<length {
                    let labelsOfSpan = Array(best.labels[start...])
                    for end in 1...labelsOfSpan.count {
                        let span = Array(labelsOfSpan.prefix(end))
                        let excluded = constraints.continuationLabels(of: span[span.count - 1])
                        #expect(abs(posterior.spanProbability(start: start, labels: span, excludingNext: excluded)
                                    - oracle.spanProbability(start: start, labels: span, excludingNext: excluded)) <= 1e-5)
                    }
                }
                // An invalid sequence has probability 0 and score -infinity under the constraints.
                if let invalid = (0..<count).first(where: { !constraints.canStart($0) }) {
                    let sequence = [invalid] + Array(repeating: 0, count: length - 1)
                    #expect(posterior.sequenceProbability(sequence) == 0)
                    #expect(decoder.score(emissions: emissions, labels: sequence) == -.infinity)
                }
            }
        }
    }

    /// Random label sets of several types (with B-/I- in random order and
    /// some unprefixed labels), random emissions at several scales and
    /// transitions that favour invalid moves: decoding and n-best lists must
    /// stay valid, and constrained marginals put no mass on invalid starts.
    @Test func constrainedDecodingNeverProducesInvalidSequences() {
        var generator = SplitMix64(seed: 2024)
        for trial in 0..<200 {
            let typeCount = 1 + Int(generator.next() % 4)
            var labels = ["O"]
            for type in 0..<typeCount { labels += ["B-t\(type)", "I-t\(type)"] }
            if generator.next() % 2 == 0 { labels.append("misc") }
            generator.shuffle(&labels)
            let count = labels.count
            let constraints = TransitionConstraints(bioLabels: labels)
            var crf = CRF(labelCount: count, using: &generator)
            // Reward exactly the forbidden moves so that an unconstrained decoder would take them.
            for from in 0..<count {
                for to in 0..<count where !constraints.allows(from: from, to: to) { crf.transitions[from, to] = 5 }
            }
            for label in 0..<count where !constraints.canStart(label) { crf.start[0, label] = 5 }
            let length = 1 + Int(generator.next() % 20)
            let scale: Float = [1, 10, 100][trial % 3]
            let emissions = Matrix.uniform(rows: length, columns: count, bound: scale, using: &generator)
            let decoder = CRFDecoder(crf, constraints: constraints)
            let path = decoder.decode(emissions: emissions)
            #expect(BruteForceCRF.isValidBIO(path.labels, names: labels), "trial \(trial): \(path.labels.map { labels[$0] })")
            #expect(path.score.isFinite && path.probability > 0 && path.probability <= 1)
            for candidate in decoder.nBest(emissions: emissions, k: 3) {
                #expect(BruteForceCRF.isValidBIO(candidate.labels, names: labels), "trial \(trial)")
            }
            let marginals = decoder.marginals(emissions: emissions)
            for label in 0..<count where !constraints.canStart(label) { #expect(marginals[0, label] == 0) }
            // Float's spacing at the emissions' magnitude bounds the accuracy
            // (about 1e-4 at scale 100, where the spacing is 7.6e-6).
            let tolerance = 5e-6 * max(1, scale)
            for t in 0..<length {
                let sum = marginals.row(t).reduce(0, +)
                #expect(abs(sum - 1) <= tolerance, "trial \(trial) scale \(scale) length \(length) token \(t): marginals sum to \(sum)")
                #expect(marginals.row(t).allSatisfy { $0.isFinite && $0 >= 0 })
            }
        }
    }

    @Test func aLabelSetWithoutValidSequencesGivesZerosNotNaN() {
        // "I-a" can never start, so a one-label set has no valid sequence.
        let constraints = TransitionConstraints(bioLabels: ["I-a"])
        let crf = CRF(labelCount: 1)
        let emissions = Matrix([[0.5], [1]])
        let decoder = CRFDecoder(crf, constraints: constraints)
        #expect(decoder.logPartition(emissions: emissions) == -.infinity)
        #expect(decoder.marginals(emissions: emissions) == Matrix(rows: 2, columns: 1))
        let path = decoder.decode(emissions: emissions)
        #expect(path.score == -.infinity)
        #expect(path.probability == 0)
        #expect(decoder.nBest(emissions: emissions, k: 2).isEmpty)
        #expect(decoder.posterior(emissions: emissions).spanProbability(start: 0, labels: [0]) == 0)
    }
}
