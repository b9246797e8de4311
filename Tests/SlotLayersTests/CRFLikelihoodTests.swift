import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

/// The batch form of the likelihood (rows of one emission matrix), finite
/// differences, and decoding rows of a batch without copying.
@Suite struct CRFLikelihoodTests {
    private static func problem(seed: UInt64) -> (crf: CRF, emissions: Matrix, labels: [Int]) {
        var generator = SplitMix64(seed: seed)
        let crf = CRF(
            start: .uniform(rows: 1, columns: 5, bound: 1, using: &generator),
            end: .uniform(rows: 1, columns: 5, bound: 1, using: &generator),
            transitions: .uniform(rows: 5, columns: 5, bound: 1, using: &generator))
        let emissions = Matrix.uniform(rows: 10, columns: 5, bound: 2, using: &generator)
        let labels = (0..<10).map { _ in Int(generator.next() % 5) }
        return (crf, emissions, labels)
    }

    private static func rows(_ matrix: Matrix, _ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: matrix.columns,
               scalars: Array(matrix.scalars[range.lowerBound * matrix.columns ..< range.upperBound * matrix.columns]))
    }

    @Test func batchAccumulatesTheSentencesAndLeavesOtherRowsAlone() {
        let (crf, emissions, labels) = Self.problem(seed: 1)
        let sentences = [0..<3, 4..<4, 4..<9]   // row 9 belongs to no sentence; 4..<4 is empty
        var gradient = crf.zeroed
        gradient.start[0, 0] = 10
        var emissionGradient = Matrix(rows: 10, columns: 5, repeating: 7)
        let loss = crf.negativeLogLikelihood(
            emissions: emissions, sentences: sentences, labels: labels,
            gradient: &gradient, emissionGradient: &emissionGradient, scale: 0.5)

        var expectedLoss = 0.0
        var expectedGradient = crf.zeroed
        expectedGradient.start[0, 0] = 10
        var expectedEmissions = Matrix(rows: 10, columns: 5, repeating: 7)
        for range in sentences where !range.isEmpty {
            let single = crf.negativeLogLikelihood(emissions: Self.rows(emissions, range), labels: Array(labels[range]))
            expectedLoss += single.loss
            expectedGradient.add(single.gradient, scaledBy: 0.5)
            for (offset, row) in range.enumerated() {
                for j in 0..<5 { expectedEmissions[row, j] += 0.5 * single.emissionGradient[offset, j] }
            }
        }
        #expect(abs(loss - expectedLoss) <= 1e-9)
        for (actual, expected) in zip(gradient.namedParameters, expectedGradient.namedParameters) {
            for (a, e) in zip(actual.value.scalars, expected.value.scalars) { #expect(abs(a - e) <= 1e-6, "\(actual.name)") }
        }
        for (a, e) in zip(emissionGradient.scalars, expectedEmissions.scalars) { #expect(abs(a - e) <= 1e-6) }
        #expect(emissionGradient.row(3) == [7, 7, 7, 7, 7])
        #expect(emissionGradient.row(9) == [7, 7, 7, 7, 7])
    }

    @Test func noSentencesCostNothing() {
        let (crf, emissions, labels) = Self.problem(seed: 2)
        var gradient = crf.zeroed
        var emissionGradient = Matrix(rows: 10, columns: 5)
        let loss = crf.negativeLogLikelihood(
            emissions: emissions, sentences: [], labels: labels, gradient: &gradient, emissionGradient: &emissionGradient)
        #expect(loss == 0)
        #expect(gradient == crf.zeroed)
        #expect(emissionGradient == Matrix(rows: 10, columns: 5))
    }

    @Test func gradientMatchesFiniteDifferences() {
        let (crf, emissions, labels) = Self.problem(seed: 3)
        let rows = 0..<10
        let (_, gradient, emissionGradient) = crf.negativeLogLikelihood(emissions: emissions, labels: labels)
        let check = GradientCheck()
        let parameters = check.check(crf, analytic: gradient) { crf in
            crf.negativeLogLikelihood(emissions: emissions, labels: labels).loss
        }
        #expect(parameters.passed, "\(parameters)")
        #expect(parameters.checkedCount == 5 + 5 + 25)
        let inputs = check.check(input: emissions, analytic: emissionGradient) { emissions in
            crf.negativeLogLikelihood(emissions: emissions, labels: labels).loss
        }
        #expect(inputs.passed, "\(inputs)")
        #expect(inputs.checkedCount == rows.count * 5)
    }

    @Test func inferenceOnRowsEqualsInferenceOnACopy() {
        let (crf, emissions, _) = Self.problem(seed: 4)
        let range = 3..<8
        let copy = Self.rows(emissions, range)
        let decoder = CRFDecoder(crf)
        #expect(decoder.decode(emissions: emissions, rows: range) == decoder.decode(emissions: copy))
        #expect(decoder.nBest(emissions: emissions, rows: range, k: 4) == decoder.nBest(emissions: copy, k: 4))
        #expect(decoder.marginals(emissions: emissions, rows: range) == decoder.marginals(emissions: copy))
        #expect(decoder.logPartition(emissions: emissions, rows: range) == decoder.logPartition(emissions: copy))
        let labels = [0, 1, 2, 3, 4]
        #expect(decoder.score(emissions: emissions, rows: range, labels: labels) == crf.score(emissions: copy, labels: labels))
    }

    @Test func parametersAreNamedAndShaped() {
        var generator = SplitMix64(seed: 1)
        let crf = CRF(labelCount: 4, using: &generator)
        #expect(crf.namedParameters.map(\.name) == ["start", "end", "transitions"])
        #expect(crf.namedParameters.map(\.value.shape) == [[1, 4], [1, 4], [4, 4]])
        #expect(crf.namedParameters.allSatisfy { $0.value.scalars.allSatisfy { abs($0) <= 0.1 } })
        #expect(crf.labelCount == 4)
        #expect(CRF(labelCount: 4).parameterCount == 24)
    }
}
