import SlotMath

/// A lookup table from ids to vectors: row `id` of `table` (`V × D`) is the
/// vector of entry `id`.
package struct Embedding: ParameterSet {
    /// The vectors, one row per vocabulary entry.
    package var table: Matrix

    /// The number of entries, V.
    package var count: Int { table.rows }
    /// The size of each vector, D.
    package var dimension: Int { table.columns }

    /// Creates a table with rows drawn uniformly from `[-bound, bound)`; row 0
    /// (padding) is zero.
    package init(count: Int, dimension: Int, bound: Float, using generator: inout SplitMix64) {
        var table = Matrix.uniform(rows: count, columns: dimension, bound: bound, using: &generator)
        for column in 0..<dimension where count > 0 { table[0, column] = 0 }
        self.table = table
    }

    /// Creates an embedding over an existing table (for example pretrained vectors).
    package init(table: Matrix) {
        self.table = table
    }

    /// Visits `table`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("table", &table)
    }

    /// The vectors of `ids`, one row per id: `ids.count × D`.
    package func callAsFunction(_ ids: [Int]) -> Matrix {
        var output = Matrix(rows: ids.count, columns: dimension)
        let size = dimension
        table.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for (row, id) in ids.enumerated() {
                    precondition(id >= 0 && id < count, "embedding id \(id) out of range 0..<\(count)")
                    (target.baseAddress! + row * size).update(from: source.baseAddress! + id * size, count: size)
                }
            }
        }
        return output
    }

    /// Adds `outputGradient`'s rows into the rows of `gradient` named by `ids`
    /// (a scatter-add: repeated ids accumulate).
    package func accumulateGradient(ids: [Int], outputGradient: Matrix, into gradient: inout Embedding) {
        precondition(outputGradient.rows == ids.count && outputGradient.columns == dimension, "embedding gradient has the wrong shape")
        let size = dimension
        outputGradient.withUnsafeBufferPointer { source in
            gradient.table.withUnsafeMutableBufferPointer { target in
                for (row, id) in ids.enumerated() {
                    Kernels.add(count: size, x: source.baseAddress! + row * size, y: target.baseAddress! + id * size)
                }
            }
        }
    }

    /// The gradient of the table as sparse rows: the same scatter-add as
    /// ``accumulateGradient(ids:outputGradient:into:)`` into a zero table, but
    /// only the rows named by `ids` are stored, so that a batch's gradient does
    /// not cost the whole table when the vocabulary is large.
    /// - Parameters:
    ///   - ids: the ids that were looked up, one per row of `outputGradient`.
    ///   - outputGradient: `∂loss/∂output`, `ids.count × D`.
    /// - Returns: a `V × D` gradient listing the rows of `ids`.
    package func sparseGradient(ids: [Int], outputGradient: Matrix) -> SparseRows {
        precondition(outputGradient.rows == ids.count && outputGradient.columns == dimension, "embedding gradient has the wrong shape")
        var gradient = SparseRows(rowCount: count, columns: dimension, ids: ids)
        gradient.add(outputGradient, atRows: ids)
        return gradient
    }
}
