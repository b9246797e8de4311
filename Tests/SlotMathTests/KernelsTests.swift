import SlotMath
import Testing

@Suite struct KernelsTests {
    private func logSumExp(_ values: [Float]) -> Float {
        values.logSumExp
    }

    @Test func logSumExpOfAllNegativeInfinityIsNegativeInfinity() {
        #expect(logSumExp([-.infinity, -.infinity, -.infinity]) == -.infinity)
    }

    @Test func logSumExpIgnoresNegativeInfinityTerms() {
        #expect(logSumExp([-.infinity, 0, -.infinity]) == 0)
        #expect(abs(logSumExp([-.infinity, 1, 1]) - (1 + Float(0.6931472))) <= 1e-6)
    }

    @Test func logSumExpOfPositiveInfinityIsPositiveInfinity() {
        #expect(logSumExp([0, .infinity, -.infinity]) == .infinity)
    }

    @Test func logSumExpOfEmptyIsNegativeInfinity() {
        #expect(logSumExp([]) == -.infinity)
    }

    @Test func logSumExpOfOneElementIsThatElement() {
        for value: Float in [-1e30, -3.5, 0, 42, 1e30] {
            #expect(logSumExp([value]) == value)
        }
    }

    @Test func logSumExpOfHugeValuesDoesNotOverflow() {
        // exp(88) is near Float's limit and exp(89) overflows: the shift avoids both.
        #expect(abs(logSumExp([88, 89]) - 89.313_26) <= 1e-4)
        #expect(abs(logSumExp([89, 89]) - (89 + 0.693_147_2)) <= 1e-4)
        #expect(logSumExp([1e30, 1e30]) == 1e30)
        #expect(logSumExp([1e30, -1e30]) == 1e30)
        #expect(abs(logSumExp([-1e3, -1e3]) - (-1e3 + 0.693_147_2)) <= 1e-3)
    }

    @Test func logSumExpHonoursStride() {
        let values: [Float] = [0, 100, 0, 100, 0, 100]
        let result = values.withUnsafeBufferPointer { Kernels.logSumExp(count: 3, $0.baseAddress!, stride: 2) }
        #expect(abs(result - Float(1.098_612_3)) <= 1e-6)
    }

    @Test func softmaxSumsToOneAndSurvivesLargeInputs() {
        let values: [Float] = [1000, 1000, -.infinity, 999]
        var output = [Float](repeating: 0, count: 4)
        values.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { Kernels.softmax(count: 4, input.baseAddress!, into: $0.baseAddress!) }
        }
        // The normaliser ≈ 1000.86 is rounded to Float's spacing there (6.1e-5),
        // which bounds the relative accuracy of every probability.
        let spacing = Float(1000).ulp
        #expect(output[2] == 0)
        #expect(abs(output.reduce(0, +) - 1) <= spacing)
        #expect(output[0] == output[1])
        #expect(abs(output[3] / output[0] - Float(0.367_879_44)) <= 1e-6)
        #expect(abs(output[0] - Float(0.422_318_8)) <= 0.422_318_8 * spacing)
    }

    @Test func sigmoidSaturatesWithoutNaN() {
        #expect(Kernels.sigmoid(0) == 0.5)
        #expect(Kernels.sigmoid(1000) == 1)
        #expect(Kernels.sigmoid(-1000) == 0)
        #expect(Kernels.sigmoid(.infinity) == 1)
        #expect(Kernels.sigmoid(-.infinity) == 0)
        #expect(abs(Kernels.sigmoid(2) - Float(0.880_797_1)) <= 1e-7)
        #expect(abs(Kernels.sigmoid(-2) - Float(0.119_202_92)) <= 1e-7)
    }

    @Test func tanhIsOddAndBounded() {
        #expect(Kernels.tanh(0) == 0)
        #expect(Kernels.tanh(1000) == 1)
        #expect(Kernels.tanh(-1000) == -1)
        #expect(abs(Kernels.tanh(0.5) - Float(0.462_117_16)) <= 1e-7)
    }

    @Test func vectorKernels() {
        var y: [Float] = [1, 2, 3]
        let x: [Float] = [10, 20, 30]
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                Kernels.axpy(count: 3, alpha: 0.5, x: x.baseAddress!, y: y.baseAddress!)
            }
        }
        #expect(y == [6, 12, 18])
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in Kernels.add(count: 2, x: x.baseAddress!, y: y.baseAddress!) }
        }
        #expect(y == [16, 32, 18])
        let dot = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { Kernels.dot(count: 3, x.baseAddress!, $0.baseAddress!) } }
        #expect(dot == 160 + 640 + 540)
    }
}
