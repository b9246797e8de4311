/// A tall matrix that is zero except in a few rows: the gradient of an
/// embedding table, of which a batch touches only the rows of its words.
///
/// `ids` lists the rows that may be non-zero, in ascending order, and row `k`
/// of `values` is row `ids[k]` of the matrix. Every other row is exactly `+0`.
/// Summing, scaling and taking the norm here give the same bits as the same
/// operations on the dense matrix, at the cost of the listed rows only: the
/// dense operations leave `+0` rows at `+0` and add nothing to a norm.
package struct SparseRows: Hashable, Sendable {
    /// The number of rows of the whole matrix.
    package let rowCount: Int
    /// The rows that may be non-zero, ascending and distinct.
    package private(set) var ids: [Int]
    /// The listed rows, `ids.count × columns`.
    package private(set) var values: Matrix

    /// The number of columns.
    package var columns: Int { values.columns }

    /// Creates a `rowCount × columns` matrix whose rows `ids` (in any order,
    /// repeats allowed) are listed and zero.
    /// - Precondition: every id is in `0 ..< rowCount`.
    package init(rowCount: Int, columns: Int, ids: some Sequence<Int>) {
        let distinct = Array(Set(ids)).sorted()
        precondition(distinct.allSatisfy { (0 ..< rowCount).contains($0) }, "row ids must lie in 0..<\(rowCount)")
        self.rowCount = rowCount
        self.ids = distinct
        values = Matrix(rows: distinct.count, columns: columns)
    }

    /// Creates a `rowCount × values.columns` matrix whose listed rows `ids`
    /// (ascending, distinct) are the rows of `values`.
    /// - Precondition: `ids` is ascending within `0 ..< rowCount` and has one id per row of `values`.
    package init(rowCount: Int, ids: [Int], values: Matrix) {
        precondition(ids.count == values.rows, "\(ids.count) ids for \(values.rows) rows")
        precondition(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 } && ids.allSatisfy { (0 ..< rowCount).contains($0) },
                     "row ids must be ascending and lie in 0..<\(rowCount)")
        self.rowCount = rowCount
        self.ids = ids
        self.values = values
    }

    /// The position of row `id` in `ids`, or `nil` when the row is not listed.
    package func index(of id: Int) -> Int? {
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// Adds row `k` of `rows` to matrix row `ids[k]`, for `k` in order
    /// (a scatter-add: repeated ids accumulate in the order they come).
    /// - Precondition: every id is listed and `rows` is `ids.count × columns`.
    package mutating func add(_ rows: Matrix, atRows ids: [Int]) {
        precondition(rows.rows == ids.count && rows.columns == columns, "scattered rows have the wrong shape")
        let positions = ids.map { id -> Int in
            guard let position = index(of: id) else { preconditionFailure("row \(id) is not listed") }
            return position
        }
        let size = columns
        guard size > 0 else { return }
        rows.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for (row, position) in positions.enumerated() {
                    Kernels.add(count: size, x: source.baseAddress! + row * size, y: target.baseAddress! + position * size)
                }
            }
        }
    }

    /// Adds `other`: `self += 1 · other`, listing the rows of both.
    ///
    /// Every listed row of the sum receives `1 · x`, with `x` the other's row or
    /// zeros, exactly as the dense sum does.
    /// - Precondition: both have the same shape.
    package mutating func add(_ other: SparseRows) {
        precondition(rowCount == other.rowCount && columns == other.columns, "cannot add sparse rows of another shape")
        let size = columns
        var merged = SparseRows(rowCount: rowCount, columns: size, ids: ids + other.ids)
        guard size > 0 else {
            self = merged
            return
        }
        let zeros = [Float](repeating: 0, count: size)
        values.withUnsafeBufferPointer { mine in
        other.values.withUnsafeBufferPointer { theirs in
        merged.values.withUnsafeMutableBufferPointer { sum in
            var mineIndex = 0, theirIndex = 0
            for (position, id) in merged.ids.enumerated() {
                let target = sum.baseAddress! + position * size
                if mineIndex < ids.count, ids[mineIndex] == id {
                    target.update(from: mine.baseAddress! + mineIndex * size, count: size)
                    mineIndex += 1
                }
                if theirIndex < other.ids.count, other.ids[theirIndex] == id {
                    Kernels.axpy(count: size, alpha: 1, x: theirs.baseAddress! + theirIndex * size, y: target)
                    theirIndex += 1
                } else {
                    zeros.withUnsafeBufferPointer { Kernels.axpy(count: size, alpha: 1, x: $0.baseAddress!, y: target) }
                }
            }
        }}}
        self = merged
    }

    /// Multiplies every element by `factor`.
    /// - Precondition: `factor` is finite and not negative, so that the
    ///   unlisted rows stay `+0` as they would in the dense product.
    package mutating func scale(by factor: Float) {
        precondition(factor.isFinite && factor >= 0, "sparse rows scale only by finite non-negative factors")
        values.scale(by: factor)
    }

    /// Drops every row, leaving the zero matrix.
    package mutating func removeAll() {
        ids = []
        values = Matrix(rows: 0, columns: columns)
    }

    /// The sum of the squares of the elements, accumulated in `Double` in
    /// row-major order: the same bits as the dense matrix's `squaredNorm`.
    package var squaredNorm: Double { values.squaredNorm }

    /// The whole `rowCount × columns` matrix.
    package var dense: Matrix {
        var result = Matrix(rows: rowCount, columns: columns)
        let size = columns
        guard size > 0 else { return result }
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (position, id) in ids.enumerated() {
                    (target.baseAddress! + id * size).update(from: source.baseAddress! + position * size, count: size)
                }
            }
        }
        return result
    }
}
