import SlotMath
import Testing

/// A two-tensor parameter set, standing in for a layer.
private struct Pair: ParameterSet, Equatable {
    var first: Matrix
    var second: Matrix

    mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("first", &first)
        try body("second", &second)
    }
}

@Suite struct ParameterSetTests {
    private let pair = Pair(first: Matrix([[1, -2]]), second: Matrix([[2], [4]]))

    @Test func namesAndCountsFollowVisitingOrder() {
        #expect(pair.namedParameters.map(\.name) == ["first", "second"])
        #expect(pair.namedParameters.map(\.value) == [pair.first, pair.second])
        #expect(pair.parameterCount == 4)
    }

    @Test func zeroedKeepsShapes() {
        let zero = pair.zeroed
        #expect(zero.first == Matrix(rows: 1, columns: 2))
        #expect(zero.second == Matrix(rows: 2, columns: 1))
    }

    @Test func addScaleAndNorm() {
        var sum = pair.zeroed
        sum.add(pair, scaledBy: 2)
        sum.add(pair)
        #expect(sum == Pair(first: Matrix([[3, -6]]), second: Matrix([[6], [12]])))
        sum.scale(by: 1 / 3)
        #expect(sum == pair)
        #expect(pair.globalNorm == 5)
    }
}
