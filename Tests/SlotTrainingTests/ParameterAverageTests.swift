import Testing
import SlotMath
import SlotTraining

@Suite("ParameterAverage")
struct ParameterAverageTests {
    static func close(_ matrix: Matrix, _ expected: [Float]) -> Bool {
        zip(matrix.scalars, expected).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }
    }

    @Test("the first updates warm up with rate (1 + t) / (10 + t), then the decay caps the rate")
    func warmUpThenDecay() {
        var average = ParameterAverage(decay: 0.2, initial: Pair(value: Matrix([[0, 10]])))
        #expect(average.nextRate == Float(2) / 11)
        average.update(with: Pair(value: Matrix([[11, -1]])))
        // 2/11 · [0, 10] + 9/11 · [11, −1] = [9, 1]
        #expect(Self.close(average.value.value, [9, 1]))
        #expect(average.updates == 1)
        // the warm-up rate 3/12 is above the decay: the decay caps it
        #expect(average.nextRate == 0.2)
        average.update(with: Pair(value: Matrix([[4, 6]])))
        // 0.2 · [9, 1] + 0.8 · [4, 6] = [5, 5]
        #expect(Self.close(average.value.value, [5, 5]))
        #expect(average.updates == 2)
    }

    @Test("after the warm-up the average spans about 1 / (1 − decay) updates")
    func tracksTheRecentParameters() {
        var average = ParameterAverage(decay: 0.9, initial: Pair(value: Matrix([[100]])))
        for _ in 0..<200 { average.update(with: Pair(value: Matrix([[1]]))) }
        #expect(abs(average.value.value[0, 0] - 1) < 1e-5)
        #expect(average.nextRate == 0.9)
        var restored = ParameterAverage(decay: 0.9, initial: average.value, updates: average.updates)
        restored.update(with: Pair(value: Matrix([[11]])))
        #expect(abs(restored.value.value[0, 0] - 2) < 1e-5)
    }
}
