#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotMath
import Testing

/// The vector activations against `libm` on a dense grid, at the limits, for
/// the buffer forms against the scalar ones, and the vector code against the
/// portable code bit for bit.
@Suite struct ActivationTests {
    /// Every multiple of 1/512 in −20…20 plus tiny, huge and boundary values
    /// (the exponential's clamps at −88 and 88.75 and its limits at −87.33 and 88.72).
    private let grid: [Float] = (-10_240...10_240).map { Float($0) / 512 }
        + [1e-30, -1e-30, 1e-8, -1e-8, 0.299_999, 0.3, 0.300_001, -0.3, 60, -60, 87, -87, 88.5, -87.2, 1e10, -1e10]
        + [-0.0, -88, -88.01, -87.99, 88.75, 88.76, 88.74, 88.72, 88.73, -87.33, -87.34, -44, 44.4, 44.375]

    private func relativeError(_ value: Float, _ reference: Float) -> Float {
        abs(value - reference) / max(abs(reference), Float.leastNormalMagnitude)
    }

    /// `e^x` of every element by the buffer form.
    private func exponentials(_ x: [Float], path: Kernels.Path = .fastest) -> [Float] {
        var values = x
        values.withUnsafeMutableBufferPointer { Kernels.exp(count: $0.count, $0.baseAddress!, path: path) }
        return values
    }

    @Test func expMatchesLibmWithinOneMillionth() {
        let inputs = grid.filter { $0 > -87 && $0 < 88 }
        for (x, value) in zip(inputs, exponentials(inputs)) {
            #expect(relativeError(value, expf(x)) < 1e-6, "exp(\(x)) = \(value), libm \(expf(x))")
        }
    }

    @Test func expOverflowsToInfinityAndUnderflowsToZero() {
        let values = exponentials([89, 1e10, .infinity, -88, -1e10, -.infinity, 0, .nan])
        #expect(values[0] == .infinity && values[1] == .infinity && values[2] == .infinity)
        #expect(values[3] == 0 && values[4] == 0 && values[5] == 0)
        #expect(values[6] == 1)
        #expect(values[7].isNaN)
    }

    @Test func tanhMatchesLibmWithinOneMillionth() {
        for x in grid {
            let value = Kernels.tanh(x)
            #expect(relativeError(value, tanhf(x)) < 1e-6, "tanh(\(x)) = \(value), libm \(tanhf(x))")
        }
    }

    @Test func tanhIsOddAndReachesItsLimits() {
        for x in grid { #expect(Kernels.tanh(-x) == -Kernels.tanh(x)) }
        #expect(Kernels.tanh(.infinity) == 1 && Kernels.tanh(-.infinity) == -1)
        #expect(Kernels.tanh(0) == 0)
        #expect(Kernels.tanh(.nan).isNaN)
    }

    @Test func sigmoidMatchesTheDefinitionWithinOneMillionth() {
        for x in grid {
            let reference = Float(1 / (1 + exp(-Double(x))))
            #expect(relativeError(Kernels.sigmoid(x), reference) < 1e-6, "σ(\(x)) = \(Kernels.sigmoid(x))")
        }
        #expect(Kernels.sigmoid(.infinity) == 1 && Kernels.sigmoid(-.infinity) == 0)
        #expect(Kernels.sigmoid(0) == 0.5)
        #expect(Kernels.sigmoid(.nan).isNaN)
    }

    @Test func bufferFormsEqualTheScalarFormsIncludingThePartialTail() {
        for count in [0, 1, 7, 8, 9, 25, 100] {
            let input = (0..<count).map { Float($0) * 0.37 - 5 }
            var sigmoids = input, tangents = input
            sigmoids.withUnsafeMutableBufferPointer { Kernels.sigmoid(count: count, $0.baseAddress!) }
            tangents.withUnsafeMutableBufferPointer { Kernels.tanh(count: count, $0.baseAddress!) }
            #expect(sigmoids == input.map(Kernels.sigmoid))
            #expect(tangents == input.map(Kernels.tanh))
        }
    }

    @Test func vectorAndPortableCodeGiveTheSameBits() {
        // The grid, then 100,000 random bit patterns: subnormals, huge values, infinities and NaNs.
        var generator = SplitMix64(seed: 5)
        let inputs = grid + (0..<100_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())) }
        typealias Buffer = (Int, UnsafeMutablePointer<Float>, Kernels.Path) -> Void
        let functions: [(String, Buffer)] = [
            ("exp", { Kernels.exp(count: $0, $1, path: $2) }),
            ("sigmoid", { Kernels.sigmoid(count: $0, $1, path: $2) }),
            ("tanh", { Kernels.tanh(count: $0, $1, path: $2) }),
        ]
        for (name, function) in functions {
            var fastest = inputs, portable = inputs
            fastest.withUnsafeMutableBufferPointer { function($0.count, $0.baseAddress!, .fastest) }
            portable.withUnsafeMutableBufferPointer { function($0.count, $0.baseAddress!, .portable) }
            let differing = zip(fastest, portable).filter { !($0.isNaN && $1.isNaN) && $0.bitPattern != $1.bitPattern }
            #expect(differing.isEmpty, "\(name): \(differing.count) of \(inputs.count) differ, first \(differing.first.map { "\($0)" } ?? "")")
        }
    }
}
