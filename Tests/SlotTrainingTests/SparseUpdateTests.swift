import Testing
import SlotMath
@testable import SlotTraining

/// A word table and a small dense tensor, as the optimiser sees a network.
private struct Table: ParameterSet {
    var table: Matrix
    var bias: Matrix
    mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("table", &table)
        try body("bias", &bias)
    }
}

@Suite("Optimizer steps: vectorised and sparse updates keep the bits")
struct SparseUpdateTests {
    static let rules: [Optimizer.Rule] = [
        .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), .sgd(momentum: 0.9), .rmsprop(decay: 0.9, epsilon: 1e-8),
    ]

    /// Seeded values in `[-bound, bound)`.
    static func values(_ rows: Int, _ columns: Int, seed: UInt64, bound: Float = 1) -> Matrix {
        var generator = SplitMix64(seed: seed)
        return Matrix.uniform(rows: rows, columns: columns, bound: bound, using: &generator)
    }

    static func bits(_ matrices: [Matrix]) -> [[UInt32]] { matrices.map { $0.scalars.map(\.bitPattern) } }

    /// `base^exponent` by repeated squaring, the optimiser's bias-correction powers.
    static func power(_ base: Float, _ exponent: Int) -> Float {
        var result: Float = 1, factor = base, remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result *= factor }
            factor *= factor
            remaining >>= 1
        }
        return result
    }

    /// Parameters start near zero so that their last bits show any change in the steps' rounding.
    @Test("Adam over 65 elements (eight vectors and a tail) gives the scalar formula's bits for 30 steps")
    func adamMatchesScalarFormula() {
        let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, learningRate: Float = 0.01
        var parameters = Table(table: Self.values(5, 13, seed: 1, bound: 1e-3), bias: Matrix(rows: 1, columns: 0))
        var optimizer = Optimizer(rule: .adam(beta1: beta1, beta2: beta2, epsilon: epsilon))
        var expected = parameters.table.scalars
        var m = [Float](repeating: 0, count: 65), v = m
        for step in 1...30 {
            // Large, tiny (subnormal moments after a few steps) and zero gradients.
            var gradient = Self.values(5, 13, seed: UInt64(100 + step), bound: step % 3 == 0 ? 1e-30 : 2)
            for index in stride(from: step % 4, to: 65, by: 4) { gradient[index / 13, index % 13] = 0 }
            optimizer.update(&parameters, gradient: Table(table: gradient, bias: parameters.bias), learningRate: learningRate)
            let correction1 = 1 - Self.power(beta1, step), correction2 = 1 - Self.power(beta2, step)
            let stepSize = learningRate * correction2.squareRoot() / correction1
            for i in 0..<65 {
                let g = gradient.scalars[i]
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                expected[i] -= stepSize * m[i] / (v[i].squareRoot() + epsilon * correction2.squareRoot())
            }
        }
        #expect(parameters.table.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(optimizer.firstMoments[0].scalars.map(\.bitPattern) == m.map(\.bitPattern))
        #expect(optimizer.secondMoments[0].scalars.map(\.bitPattern) == v.map(\.bitPattern))
    }

    @Test("a sparse-row gradient moves every row exactly as its dense zero-filled form", arguments: rules)
    func sparseMatchesDense(rule: Optimizer.Rule) {
        let start = Table(table: Self.values(9, 11, seed: 2), bias: Self.values(1, 3, seed: 3))
        var sparse = start, dense = start
        var sparseOptimizer = Optimizer(rule: rule), denseOptimizer = Optimizer(rule: rule)
        let batches = [[4, 1, 4], [8], [], [0, 1, 2, 3, 4, 5, 6, 7, 8], [6, 2]]
        for (step, ids) in batches.enumerated() {
            var rows = SparseRows(rowCount: 9, columns: 11, ids: ids)
            rows.add(Self.values(ids.count, 11, seed: UInt64(10 + step)), atRows: ids)
            let bias = Self.values(1, 3, seed: UInt64(20 + step))
            sparseOptimizer.update(&sparse, gradients: [.rows(rows), .dense(bias)], learningRate: 0.05)
            denseOptimizer.update(&dense, gradient: Table(table: rows.dense, bias: bias), learningRate: 0.05)
        }
        #expect(Self.bits([sparse.table, sparse.bias]) == Self.bits([dense.table, dense.bias]))
        #expect(Self.bits(sparseOptimizer.firstMoments) == Self.bits(denseOptimizer.firstMoments))
        #expect(Self.bits(sparseOptimizer.secondMoments) == Self.bits(denseOptimizer.secondMoments))
        #expect(sparse.table.row(5) != start.table.row(5), "a row never in a batch still moves with its moments")
    }

    @Test("a lazy update moves the listed rows as a full one does and leaves the others with their moments", arguments: rules)
    func lazyRows(rule: Optimizer.Rule) {
        let start = Self.values(6, 10, seed: 4), startFirst = Self.values(6, 10, seed: 5, bound: 0.1)
        let startSecond = Self.values(6, 10, seed: 6, bound: 0.1).scalars.map(\.magnitude)
        let kernel = UpdateKernel(rule: rule, step: 2, learningRate: 0.05)
        let ids = [1, 4]
        var gradient = SparseRows(rowCount: 6, columns: 10, ids: ids)
        gradient.add(Self.values(2, 10, seed: 8), atRows: ids)
        var lazy = start, lazyFirst = startFirst, lazySecond = Matrix(rows: 6, columns: 10, scalars: startSecond)
        var full = start, fullFirst = startFirst, fullSecond = lazySecond
        kernel.apply(to: &lazy, gradient: gradient, onlyListed: true, first: &lazyFirst, second: &lazySecond)
        kernel.apply(to: &full, gradient: gradient, onlyListed: false, first: &fullFirst, second: &fullSecond)
        let hasMomentum = if case .rmsprop = rule { false } else { true }
        for row in 0..<6 {
            let listed = ids.contains(row)
            #expect(lazy.row(row) == (listed ? full.row(row) : start.row(row)))
            #expect(lazyFirst.row(row) == (listed ? fullFirst.row(row) : startFirst.row(row)))
            #expect(listed || !hasMomentum || full.row(row) != start.row(row), "a full update moves row \(row)")
        }
    }
}
