import SlotMath
import Testing

@Suite struct MatrixTests {
    @Test func storesRowsInRowMajorOrder() {
        let matrix = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(matrix.rows == 2)
        #expect(matrix.columns == 3)
        #expect(matrix.shape == [2, 3])
        #expect(matrix.count == 6)
        #expect(matrix.scalars == [1, 2, 3, 4, 5, 6])
        #expect(matrix[1, 0] == 4)
        #expect(matrix.row(1) == [4, 5, 6])
        #expect(matrix == Matrix(rows: 2, columns: 3, scalars: [1, 2, 3, 4, 5, 6]))
    }

    @Test func subscriptWritesOneElement() {
        var matrix = Matrix(rows: 2, columns: 2, repeating: 7)
        matrix[0, 1] = -1
        #expect(matrix.scalars == [7, -1, 7, 7])
    }

    @Test func emptyMatricesHaveNoElements() {
        let matrix = Matrix(rows: 0, columns: 5)
        #expect(matrix.count == 0)
        #expect(matrix.shape == [0, 5])
        #expect(Matrix([]).shape == [0, 0])
    }

    @Test func resizeKeepsLeadingRowsAndZeroFillsNewOnes() {
        var matrix = Matrix([[1, 2], [3, 4], [5, 6]])
        matrix.resize(rows: 1)
        #expect(matrix.shape == [1, 2])
        #expect(matrix.scalars == [1, 2])
        matrix.resize(rows: 3)
        #expect(matrix.scalars == [1, 2, 0, 0, 0, 0])
    }

    @Test func fillSetsEveryElement() {
        var matrix = Matrix([[1, 2], [3, 4]])
        matrix.fill(-2)
        #expect(matrix.scalars == [-2, -2, -2, -2])
    }

    @Test func addScaledAndScale() {
        var matrix = Matrix([[1, 2], [3, 4]])
        matrix.add(Matrix([[10, 20], [30, 40]]), scaledBy: 0.5)
        #expect(matrix.scalars == [6, 12, 18, 24])
        matrix.scale(by: -0.5)
        #expect(matrix.scalars == [-3, -6, -9, -12])
        matrix.add(Matrix([[1, 1], [1, 1]]))
        #expect(matrix.scalars == [-2, -5, -8, -11])
    }

    @Test func squaredNormAccumulatesInDouble() {
        #expect(Matrix([[3, 4]]).squaredNorm == 25)
        // 10⁴ ones plus one 1e-4²: Float accumulation would lose the small term.
        var scalars = [Float](repeating: 1, count: 10_000)
        scalars.append(1e-4)
        let matrix = Matrix(rows: 1, columns: scalars.count, scalars: scalars)
        #expect(matrix.squaredNorm == 10_000 + Double(Float(1e-4)) * Double(Float(1e-4)))
    }

    @Test func transposeSwapsRowsAndColumns() {
        let matrix = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(matrix.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(matrix.transposed.transposed == matrix)
    }

    @Test func matmulMultipliesSmallMatricesExactly() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[7, 8, 9], [10, 11, 12]])
        #expect(a.matmul(b) == Matrix([[27, 30, 33], [61, 68, 75], [95, 106, 117]]))
    }

    @Test func multiplyHonoursTransposeFlagsAlphaAndBeta() {
        let a = Matrix([[1, 2], [3, 4]])
        let b = Matrix([[5, 6], [7, 8]])
        var c = Matrix([[1, 1], [1, 1]])
        // c = 2 · aᵀ · bᵀ + 3 · c;  aᵀ · bᵀ = [[23, 31], [34, 46]]
        Matrix.multiply(a, transposeA: true, b, transposeB: true, into: &c, alpha: 2, beta: 3)
        #expect(c == Matrix([[49, 65], [71, 95]]))
    }

    @Test func multiplyWithEmptyInnerDimensionScalesByBeta() {
        let a = Matrix(rows: 2, columns: 0)
        let b = Matrix(rows: 0, columns: 2)
        var c = Matrix([[1, 2], [3, 4]])
        Matrix.multiply(a, b, into: &c, beta: 2)
        #expect(c == Matrix([[2, 4], [6, 8]]))
    }
}
