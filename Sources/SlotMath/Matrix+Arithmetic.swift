extension Matrix {
    /// Adds `other` element-wise: `self += scale * other`.
    /// - Precondition: both matrices have the same shape.
    package mutating func add(_ other: Matrix, scaledBy scale: Float = 1) {
        precondition(rows == other.rows && columns == other.columns,
                     "cannot add a \(other.rows)×\(other.columns) matrix to a \(rows)×\(columns) one")
        guard count > 0 else { return }
        other.withUnsafeBufferPointer { source in
            withUnsafeMutableBufferPointer { target in
                Kernels.axpy(count: target.count, alpha: scale, x: source.baseAddress!, y: target.baseAddress!)
            }
        }
    }

    /// Multiplies every element by `factor`.
    package mutating func scale(by factor: Float) {
        withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] *= factor }
        }
    }

    /// The sum of the squares of the elements, accumulated in `Double`.
    package var squaredNorm: Double {
        withUnsafeBufferPointer { buffer in
            var sum: Double = 0
            for value in buffer { sum += Double(value) * Double(value) }
            return sum
        }
    }

    /// The transpose.
    package var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                result[column, row] = self[row, column]
            }
        }
        return result
    }

    /// The matrix product `self · other`.
    package func matmul(_ other: Matrix) -> Matrix {
        var result = Matrix(rows: rows, columns: other.columns)
        Matrix.multiply(self, other, into: &result)
        return result
    }

    /// Computes `c = alpha · op(a) · op(b) + beta · c` with BLAS, where `op`
    /// transposes its argument when the matching flag is set.
    ///
    /// - Parameters:
    ///   - a: the left factor, `m × k` (or `k × m` when `transposeA`).
    ///   - b: the right factor, `k × n` (or `n × k` when `transposeB`).
    ///   - c: the result, `m × n`; its rows and columns must already match.
    ///   - strategy: BLAS always, or the direct kernel (see ``GEMM/Strategy``).
    package static func multiply(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        into c: inout Matrix, alpha: Float = 1, beta: Float = 0, strategy: GEMM.Strategy = .blas
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        let kB = transposeB ? b.columns : b.rows
        precondition(k == kB, "inner dimensions differ: \(k) and \(kB)")
        precondition(c.rows == m && c.columns == n, "result is \(c.rows)×\(c.columns), product is \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.scale(by: beta)
            return
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMM.multiply(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: pa.baseAddress!, lda: a.columns,
                        b: pb.baseAddress!, ldb: b.columns,
                        beta: beta, c: pc.baseAddress!, ldc: n, strategy: strategy)
                }
            }
        }
    }
}

extension Matrix {
    /// The matrix `[a b]`: `a`'s columns followed by `b`'s, row by row.
    /// - Precondition: both have the same number of rows.
    package static func concatenatingColumns(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.rows == b.rows, "cannot place a \(b.rows)-row matrix beside a \(a.rows)-row one")
        var result = Matrix(rows: a.rows, columns: a.columns + b.columns)
        let width = result.columns
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                result.withUnsafeMutableBufferPointer { pr in
                    for row in 0..<a.rows {
                        if a.columns > 0 {
                            (pr.baseAddress! + row * width).update(from: pa.baseAddress! + row * a.columns, count: a.columns)
                        }
                        if b.columns > 0 {
                            (pr.baseAddress! + row * width + a.columns)
                                .update(from: pb.baseAddress! + row * b.columns, count: b.columns)
                        }
                    }
                }
            }
        }
        return result
    }

    /// A new matrix holding the given range of this matrix's columns.
    package func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns, "column range \(range) out of 0..<\(columns)")
        var result = Matrix(rows: rows, columns: range.count)
        guard range.count > 0 else { return result }
        let width = columns
        withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for row in 0..<rows {
                    (target.baseAddress! + row * range.count)
                        .update(from: source.baseAddress! + row * width + range.lowerBound, count: range.count)
                }
            }
        }
        return result
    }
}
