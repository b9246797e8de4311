import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

@Suite("Dropout")
struct DropoutTests {
    @Test("rate 0 leaves the input alone and returns no mask")
    func zeroRate() {
        var input = TestData.matrix(4, 4, seed: 41)
        let original = input
        var generator = SplitMix64(seed: 1)
        #expect(Dropout(rate: 0).apply(&input, using: &generator) == nil)
        #expect(input == original)
        #expect(generator == SplitMix64(seed: 1))
    }

    @Test("mask is 0 or 1/(1-rate), about rate of it zero, and multiplies input and gradient")
    func mask() throws {
        let dropout = Dropout(rate: 0.25)
        let original = TestData.matrix(100, 100, seed: 42)
        var input = original
        var generator = SplitMix64(seed: 43)
        let mask = try #require(dropout.apply(&input, using: &generator))
        let scale: Float = 1 / 0.75
        #expect(mask.scalars.allSatisfy { $0 == 0 || $0 == scale })
        let dropped = mask.scalars.filter { $0 == 0 }.count
        #expect((2300...2700).contains(dropped))
        for index in 0..<original.count { #expect(input.scalars[index] == original.scalars[index] * mask.scalars[index]) }
        var gradient = Matrix(rows: 100, columns: 100, repeating: 3)
        dropout.backward(&gradient, mask: mask)
        #expect(gradient.scalars == mask.scalars.map { 3 * $0 })
        var again = original
        var sameSeed = SplitMix64(seed: 43)
        #expect(dropout.apply(&again, using: &sameSeed) == mask)
    }

    @Test("gradient through a fixed mask matches central differences")
    func gradient() throws {
        let dropout = Dropout(rate: 0.5)
        let input = TestData.matrix(3, 5, seed: 44)
        let weights = TestData.matrix(3, 5, seed: 45)
        func loss(_ value: Matrix) -> Double {
            var copy = value
            var generator = SplitMix64(seed: 46)
            _ = dropout.apply(&copy, using: &generator)
            return TestData.dot(weights, copy)
        }
        var copy = input
        var generator = SplitMix64(seed: 46)
        let mask = dropout.apply(&copy, using: &generator)
        var analytic = weights
        dropout.backward(&analytic, mask: mask)
        let report = GradientCheck().check(input: input, analytic: analytic, loss: loss)
        #expect(report.passed, "\(report)")
    }
}
