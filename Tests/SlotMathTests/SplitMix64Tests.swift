import SlotMath
import Testing

@Suite struct SplitMix64Tests {
    /// The reference values were computed independently with Python's
    /// arbitrary-precision integers from the published algorithm.
    @Test func firstOutputsForSeedZeroMatchTheReference() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
        #expect(generator.next() == 0xF88B_B8A8_724C_81EC)
    }

    @Test func firstOutputsForSeed42MatchTheReference() {
        var generator = SplitMix64(seed: 42)
        #expect(generator.next() == 0xBDD7_3226_2FEB_6E95)
        #expect(generator.next() == 0x28EF_E333_B266_F103)
    }

    @Test func sameSeedGivesSameSequence() {
        var first = SplitMix64(seed: 123), second = SplitMix64(seed: 123)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        #expect(a == b)
        var third = SplitMix64(seed: 124)
        #expect((0..<100).map { _ in third.next() } != a)
    }

    @Test func unitFloatsUseTheTop24Bits() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.nextUnitFloat() == 0.883_310_794_830_322_3)
        #expect(generator.nextUnitFloat() == 0.431_527_972_221_374_5)
        #expect(generator.nextUnitFloat() == 0.026_433_765_888_214_11)
    }

    @Test func boundedFloatsStayInRange() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let value = generator.nextFloat(bound: 0.25)
            #expect(value >= -0.25 && value < 0.25)
        }
    }

    @Test func copyingTheStateResumesTheSequence() {
        var generator = SplitMix64(seed: 5)
        _ = generator.next()
        var resumed = SplitMix64(seed: 0)
        resumed.state = generator.state
        #expect(resumed.next() == generator.next())
    }

    @Test func shuffleIsReproducibleAndPinned() {
        var generator = SplitMix64(seed: 7)
        var values = Array(0..<10)
        generator.shuffle(&values)
        // Fisher–Yates from the last index, swapping with next() % (i + 1), as computed in Python.
        #expect(values == [8, 1, 5, 9, 0, 4, 3, 2, 6, 7])
        var again = SplitMix64(seed: 7)
        var other = Array(0..<10)
        again.shuffle(&other)
        #expect(other == values)
    }

    @Test func shuffleOfTinyArraysDoesNotConsumeRandomness() {
        var generator = SplitMix64(seed: 3)
        var reference = SplitMix64(seed: 3)
        var single = [1]
        generator.shuffle(&single)
        #expect(single == [1])
        #expect(generator.next() == reference.next())
    }

    @Test func splitGivesAnIndependentReproducibleGenerator() {
        var parent = SplitMix64(seed: 11)
        var child = parent.split()
        var parentAgain = SplitMix64(seed: 11)
        var childAgain = parentAgain.split()
        #expect(child.next() == childAgain.next())
        #expect(parent.next() == parentAgain.next())
        #expect(child.state != parent.state)
    }

    @Test func glorotBoundFollowsFanInAndFanOut() {
        var generator = SplitMix64(seed: 1)
        let matrix = Matrix.glorot(rows: 30, columns: 70, using: &generator)
        let bound = (6 / Float(100)).squareRoot()
        #expect(matrix.shape == [30, 70])
        #expect(matrix.scalars.allSatisfy { abs($0) <= bound })
        #expect(matrix.scalars.map { abs($0) }.max()! > 0.9 * bound)
    }
}
