import SlotMath
import SlotTestSupport
import Testing

/// `L(a, b) = Σ a_i³ + Σ_i b_i · a_(i mod 3)`: a known gradient to check the checker with.
private struct Cubic: ParameterSet {
    var a: Matrix
    var b: Matrix

    mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("a", &a)
        try body("b", &b)
    }

    var loss: Double {
        var total = 0.0
        for value in a.scalars { total += Double(value) * Double(value) * Double(value) }
        for (index, value) in b.scalars.enumerated() { total += Double(value) * Double(a.scalars[index % 3]) }
        return total
    }

    var gradient: Cubic {
        var gradient = zeroed
        for (index, value) in a.scalars.enumerated() { gradient.a.scalars(at: index, 3 * value * value) }
        for (index, value) in b.scalars.enumerated() {
            gradient.a.scalars(at: index % 3, gradient.a.scalars[index % 3] + value)
            gradient.b.scalars(at: index, a.scalars[index % 3])
        }
        return gradient
    }
}

extension Matrix {
    /// Sets the element at a flat index.
    fileprivate mutating func scalars(at index: Int, _ value: Float) {
        self[index / columns, index % columns] = value
    }
}

@Suite struct GradientCheckTests {
    private let point = Cubic(a: Matrix([[0.5, -1.2, 2]]), b: Matrix([[1, -0.3], [0.7, 0.01], [-2, 3]]))

    @Test func correctGradientPasses() {
        let report = GradientCheck().check(point, analytic: point.gradient) { $0.loss }
        #expect(report.passed, "\(report)")
        #expect(report.checkedCount == 9)
    }

    @Test func slightlyWrongElementFailsAndIsNamed() throws {
        var wrong = point.gradient
        wrong.b[2, 1] *= 1.01
        let report = GradientCheck().check(point, analytic: wrong) { $0.loss }
        #expect(!report.passed)
        let worst = try #require(report.worst)
        #expect(worst.tensor == "b")
        #expect(worst.row == 2 && worst.column == 1)
        #expect(report.description.contains("FAILED"))
        #expect(report.description.contains("b[2, 1]"))
    }

    @Test func inputVariantChecksMatrices() throws {
        let x = Matrix([[0.3, -0.8], [1.1, 0.2]])
        let loss: (Matrix) -> Double = { $0.scalars.reduce(0) { $0 + Double($1) * Double($1) * Double($1) } }
        let gradient = Matrix(rows: 2, columns: 2, scalars: x.scalars.map { 3 * $0 * $0 })
        #expect(GradientCheck().check(input: x, analytic: gradient, loss: loss).passed)
        var wrong = gradient
        wrong[1, 0] = -wrong[1, 0]
        let report = GradientCheck().check(input: x, analytic: wrong, loss: loss)
        #expect(!report.passed)
        #expect(try #require(report.worst).tensor == "input")
    }

    @Test func largeTensorsAreSampled() {
        var generator = SplitMix64(seed: 1)
        let x = Matrix.uniform(rows: 20, columns: 30, bound: 1, using: &generator)
        let gradient = Matrix(rows: 20, columns: 30, scalars: x.scalars.map { 2 * $0 })
        let loss: (Matrix) -> Double = { $0.scalars.reduce(0) { $0 + Double($1) * Double($1) } }
        let report = GradientCheck(samplesPerTensor: 25).check(input: x, analytic: gradient, loss: loss)
        #expect(report.passed)
        #expect(report.checkedCount == 25)
    }

    @Test func nanGradientFails() {
        var gradient = point.gradient
        gradient.a[0, 0] = .nan
        #expect(!GradientCheck().check(point, analytic: gradient) { $0.loss }.passed)
    }
}
