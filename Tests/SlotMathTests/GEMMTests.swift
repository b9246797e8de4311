import SlotMath
import Testing

/// Checks the BLAS product and the portable Swift product against a naive
/// triple loop in `Double`.
@Suite struct GEMMTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        let m: Int, k: Int, n: Int
        var testDescription: String { "\(m)×\(k)·\(k)×\(n)" }
    }

    static let shapes = [Shape(m: 1, k: 1, n: 1), Shape(m: 3, k: 5, n: 7), Shape(m: 64, k: 300, n: 400)]
    static let transposes = [(false, false), (false, true), (true, false), (true, true)]

    /// Operands stored as `op` expects them: `a` is `k × m` when transposed.
    private static func operands(_ shape: Shape, transposeA: Bool, transposeB: Bool, seed: UInt64)
        -> (a: Matrix, b: Matrix, c: Matrix)
    {
        var generator = SplitMix64(seed: seed)
        let a = Matrix.uniform(rows: transposeA ? shape.k : shape.m, columns: transposeA ? shape.m : shape.k,
                               bound: 1, using: &generator)
        let b = Matrix.uniform(rows: transposeB ? shape.n : shape.k, columns: transposeB ? shape.k : shape.n,
                               bound: 1, using: &generator)
        let c = Matrix.uniform(rows: shape.m, columns: shape.n, bound: 1, using: &generator)
        return (a, b, c)
    }

    /// `alpha · op(a) · op(b) + beta · c` and `Σ |alpha · a · b| + |beta · c|` per element, in Double.
    private static func reference(
        _ a: Matrix, _ transposeA: Bool, _ b: Matrix, _ transposeB: Bool, _ c: Matrix, alpha: Double, beta: Double
    ) -> (value: [Double], magnitude: [Double]) {
        let m = c.rows, n = c.columns, k = transposeA ? a.rows : a.columns
        // op(a) as m × k and op(b) as n × k rows in Double, so the inner loop is contiguous.
        let left = (0..<m).map { i in (0..<k).map { p in Double(transposeA ? a[p, i] : a[i, p]) } }
        let right = (0..<n).map { j in (0..<k).map { p in Double(transposeB ? b[j, p] : b[p, j]) } }
        var value = [Double](repeating: 0, count: m * n)
        var magnitude = value
        for i in 0..<m {
            left[i].withUnsafeBufferPointer { x in
                for j in 0..<n {
                    right[j].withUnsafeBufferPointer { y in
                        var sum = 0.0, size = 0.0
                        for p in 0..<k {
                            let product = x[p] * y[p]
                            sum += product
                            size += abs(product)
                        }
                        value[i * n + j] = alpha * sum + beta * Double(c[i, j])
                        magnitude[i * n + j] = abs(alpha) * size + abs(beta * Double(c[i, j]))
                    }
                }
            }
        }
        return (value, magnitude)
    }

    private static func run(
        swift: Bool, _ a: Matrix, _ transposeA: Bool, _ b: Matrix, _ transposeB: Bool, _ c: Matrix,
        alpha: Float, beta: Float
    ) -> Matrix {
        var result = c
        let m = c.rows, n = c.columns, k = transposeA ? a.rows : a.columns
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                result.withUnsafeMutableBufferPointer { pc in
                    if swift {
                        SwiftGEMM.multiply(
                            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                            a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                            beta: beta, c: pc.baseAddress!, ldc: n)
                    } else {
                        GEMM.multiply(
                            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                            a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                            beta: beta, c: pc.baseAddress!, ldc: n)
                    }
                }
            }
        }
        return result
    }

    @Test(arguments: shapes)
    func blasMatchesNaiveLoopForAllTransposes(shape: Shape) {
        for (index, (transposeA, transposeB)) in Self.transposes.enumerated() {
            let (a, b, c) = Self.operands(shape, transposeA: transposeA, transposeB: transposeB, seed: UInt64(index))
            let expected = Self.reference(a, transposeA, b, transposeB, c, alpha: 1.5, beta: -0.5)
            let actual = Self.run(swift: false, a, transposeA, b, transposeB, c, alpha: 1.5, beta: -0.5)
            for index in expected.value.indices {
                // Float rounding grows with the summed magnitudes, not with the (cancelling) result.
                let tolerance = 1e-6 * expected.magnitude[index] + 1e-7
                #expect(abs(Double(actual.scalars[index]) - expected.value[index]) <= tolerance,
                        "transposeA \(transposeA), transposeB \(transposeB), element \(index)")
            }
        }
    }

    @Test(arguments: shapes)
    func swiftProductMatchesNaiveLoopForAllTransposes(shape: Shape) {
        for (index, (transposeA, transposeB)) in Self.transposes.enumerated() {
            let (a, b, c) = Self.operands(shape, transposeA: transposeA, transposeB: transposeB, seed: UInt64(index) + 10)
            let expected = Self.reference(a, transposeA, b, transposeB, c, alpha: 1, beta: 0)
            let actual = Self.run(swift: true, a, transposeA, b, transposeB, c, alpha: 1, beta: 0)
            for index in expected.value.indices {
                let tolerance = 1e-6 * expected.magnitude[index] + 1e-7
                #expect(abs(Double(actual.scalars[index]) - expected.value[index]) <= tolerance,
                        "transposeA \(transposeA), transposeB \(transposeB), element \(index)")
            }
        }
    }

    @Test func swiftProductEqualsBLAS() {
        let shape = Shape(m: 17, k: 33, n: 9)
        for (index, (transposeA, transposeB)) in Self.transposes.enumerated() {
            let (a, b, c) = Self.operands(shape, transposeA: transposeA, transposeB: transposeB, seed: UInt64(index) + 20)
            let blas = Self.run(swift: false, a, transposeA, b, transposeB, c, alpha: 0.75, beta: 2)
            let swift = Self.run(swift: true, a, transposeA, b, transposeB, c, alpha: 0.75, beta: 2)
            let difference = zip(blas.scalars, swift.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(difference <= 1e-5, "transposeA \(transposeA), transposeB \(transposeB)")
        }
    }

    @Test func swiftProductWithBetaOneAccumulates() {
        let a = Matrix([[1, 2]]), b = Matrix([[3], [4]])
        let result = Self.run(swift: true, a, false, b, false, Matrix([[100]]), alpha: 1, beta: 1)
        #expect(result == Matrix([[111]]))
    }

    @Test func backendIsNamed() {
        #expect(["OpenBLAS", "Accelerate", "Swift"].contains(GEMM.backend))
    }
}
