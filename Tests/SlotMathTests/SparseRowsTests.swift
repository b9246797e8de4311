import SlotMath
import Testing

@Suite("SparseRows")
struct SparseRowsTests {
    /// Seeded values in `[-1, 1)` with exact zeros and a `-0` mixed in, as dropout leaves them.
    static func rows(_ count: Int, _ columns: Int, seed: UInt64) -> Matrix {
        var generator = SplitMix64(seed: seed)
        var matrix = Matrix.uniform(rows: count, columns: columns, bound: 1, using: &generator)
        for index in stride(from: 0, to: matrix.count, by: 5) {
            matrix[index / columns, index % columns] = index % 2 == 0 ? 0 : -0.0
        }
        return matrix
    }

    /// The dense scatter-add the sparse one replaces.
    static func denseScatter(_ rows: Matrix, at ids: [Int], rowCount: Int) -> Matrix {
        var result = Matrix(rows: rowCount, columns: rows.columns)
        for (row, id) in ids.enumerated() {
            for column in 0..<rows.columns { result[id, column] += rows[row, column] }
        }
        return result
    }

    static func bits(_ matrix: Matrix) -> [UInt32] { matrix.scalars.map(\.bitPattern) }

    @Test("rows are listed once, ascending; index(of:) finds listed rows only")
    func listing() {
        let sparse = SparseRows(rowCount: 10, columns: 3, ids: [7, 2, 7, 0, 9, 2])
        #expect(sparse.ids == [0, 2, 7, 9])
        #expect(sparse.values == Matrix(rows: 4, columns: 3))
        #expect(sparse.rowCount == 10 && sparse.columns == 3)
        #expect([0, 2, 7, 9].map { sparse.index(of: $0) } == [0, 1, 2, 3])
        #expect([1, 3, 8, 10, -1].map { sparse.index(of: $0) } == [nil, nil, nil, nil, nil])
        #expect(SparseRows(rowCount: 0, columns: 4, ids: []).dense == Matrix(rows: 0, columns: 4))
    }

    @Test("scatter-add, dense form and norm give the dense matrix's bits")
    func scatter() {
        let ids = [4, 1, 4, 6, 4, 1, 0]
        let rows = Self.rows(ids.count, 5, seed: 3)
        var sparse = SparseRows(rowCount: 8, columns: 5, ids: ids)
        sparse.add(rows, atRows: ids)
        let dense = Self.denseScatter(rows, at: ids, rowCount: 8)
        #expect(Self.bits(sparse.dense) == Self.bits(dense))
        #expect(sparse.squaredNorm.bitPattern == dense.squaredNorm.bitPattern)
        #expect(sparse.values.rows == 4)
    }

    @Test("the sum of overlapping and disjoint rows gives the dense sum's bits")
    func sum() {
        let firstIds = [5, 2, 9, 2], secondIds = [9, 0, 5, 11, 11]
        let firstRows = Self.rows(firstIds.count, 9, seed: 4), secondRows = Self.rows(secondIds.count, 9, seed: 5)
        var first = SparseRows(rowCount: 12, columns: 9, ids: firstIds)
        first.add(firstRows, atRows: firstIds)
        var second = SparseRows(rowCount: 12, columns: 9, ids: secondIds)
        second.add(secondRows, atRows: secondIds)
        first.add(second)
        var dense = Self.denseScatter(firstRows, at: firstIds, rowCount: 12)
        dense.add(Self.denseScatter(secondRows, at: secondIds, rowCount: 12))
        #expect(first.ids == [0, 2, 5, 9, 11])
        #expect(Self.bits(first.dense) == Self.bits(dense))
    }

    @Test("scaling and clearing match the dense matrix")
    func scaleAndClear() {
        let ids = [3, 1]
        let rows = Self.rows(2, 4, seed: 6)
        var sparse = SparseRows(rowCount: 5, columns: 4, ids: ids)
        sparse.add(rows, atRows: ids)
        var dense = sparse.dense
        sparse.scale(by: 0.37)
        dense.scale(by: 0.37)
        #expect(Self.bits(sparse.dense) == Self.bits(dense))
        #expect(sparse.squaredNorm == dense.squaredNorm)
        sparse.removeAll()
        #expect(sparse.ids.isEmpty && sparse.dense == Matrix(rows: 5, columns: 4) && sparse.squaredNorm == 0)
    }

    @Test("rows given with their values are kept as given")
    func givenRows() {
        let values = Self.rows(3, 2, seed: 7)
        let sparse = SparseRows(rowCount: 9, ids: [2, 5, 8], values: values)
        #expect(sparse.ids == [2, 5, 8] && sparse.values == values && sparse.rowCount == 9)
        #expect(sparse.dense.row(5) == values.row(1) && sparse.dense.row(4) == [0, 0])
    }
}
