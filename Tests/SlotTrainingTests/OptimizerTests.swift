import Testing
import SlotMath
import SlotTraining

/// One tensor as a parameter set, for the optimiser tests.
struct Pair: ParameterSet {
    var value: Matrix
    mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("value", &value)
    }
}

@Suite("Optimizer")
struct OptimizerTests {
    static let start = Pair(value: Matrix([[1, -2]]))
    static let gradient = Pair(value: Matrix([[0.5, -4]]))

    static func close(_ actual: Matrix, _ expected: [Double], tolerance: Double = 1e-6) -> Bool {
        zip(actual.scalars, expected).allSatisfy { abs(Double($0) - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test("SGD with momentum: v = μv + g, θ -= ηv over two steps")
    func sgd() {
        var parameters = Self.start
        var optimizer = Optimizer(rule: .sgd(momentum: 0.9))
        optimizer.update(&parameters, gradient: Self.gradient, learningRate: 0.1)
        #expect(Self.close(parameters.value, [0.95, -1.6]))
        optimizer.update(&parameters, gradient: Self.gradient, learningRate: 0.1)
        // v = 0.9·0.5 + 0.5 = 0.95, 0.9·(−4) − 4 = −7.6
        #expect(Self.close(parameters.value, [0.95 - 0.095, -1.6 + 0.76]))
        #expect(optimizer.step == 2)
        #expect(Self.close(optimizer.firstMoments[0], [0.95, -7.6]))
    }

    @Test("RMSprop: s = ρs + (1−ρ)g², θ -= ηg/(√s + ε)")
    func rmsprop() {
        var parameters = Self.start
        var optimizer = Optimizer(rule: .rmsprop(decay: 0.9, epsilon: 1e-8))
        optimizer.update(&parameters, gradient: Self.gradient, learningRate: 0.01)
        let s = [0.1 * 0.25, 0.1 * 16]
        #expect(Self.close(parameters.value, [1 - 0.01 * 0.5 / (s[0].squareRoot() + 1e-8), -2 + 0.01 * 4 / (s[1].squareRoot() + 1e-8)]))
        #expect(Self.close(optimizer.secondMoments[0], s))
    }

    @Test("Adam: bias-corrected moments; the first step moves each element by about η")
    func adam() {
        var parameters = Self.start
        var optimizer = Optimizer(rule: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        optimizer.update(&parameters, gradient: Self.gradient, learningRate: 0.1)
        #expect(Self.close(parameters.value, [0.9, -1.9], tolerance: 1e-5))
        let second = Pair(value: Matrix([[-1, 2]]))
        optimizer.update(&parameters, gradient: second, learningRate: 0.1)
        var expected: [Double] = []
        for (index, (g1, g2)) in zip([0.5, -4.0], [-1.0, 2.0]).enumerated() {
            let m = 0.9 * (0.1 * g1) + 0.1 * g2
            let v = 0.999 * (0.001 * g1 * g1) + 0.001 * g2 * g2
            let mHat = m / (1 - 0.81), vHat = v / (1 - 0.999 * 0.999)
            expected.append([0.9, -1.9][index] - 0.1 * mHat / (vHat.squareRoot() + 1e-8))
        }
        #expect(Self.close(parameters.value, expected, tolerance: 1e-5))
    }

    @Test("clipNorm scales a large gradient to the norm and leaves a small one")
    func clipping() {
        var large = Pair(value: Matrix([[3, 4]]))
        #expect(large.clipNorm(to: 1) == 5)
        #expect(Self.close(large.value, [0.6, 0.8]))
        #expect(abs(large.globalNorm - 1) < 1e-6)
        var small = Pair(value: Matrix([[0.3, 0.4]]))
        #expect(abs(small.clipNorm(to: 1) - 0.5) < 1e-6)
        #expect(small.value == Matrix([[0.3, 0.4]]))
    }
}
