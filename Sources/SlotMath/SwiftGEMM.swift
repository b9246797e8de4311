/// A portable matrix product in Swift, used where no BLAS is available and as
/// the baseline that `bench gemm` compares BLAS against.
///
/// It computes the same `C = alpha · op(A) · op(B) + beta · C` as ``GEMM``.
/// Transposed operands are first copied into row-major `k × n` / `m × k`
/// panels so that the inner loop runs over contiguous memory (an `axpy` of a
/// row of `B` into a row of `C`), which the compiler vectorises.
package enum SwiftGEMM {
    /// Computes `C = alpha · op(A) · op(B) + beta · C` with portable Swift loops.
    package static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        // B as a contiguous k × n panel.
        let panel = UnsafeMutablePointer<Float>.allocate(capacity: max(k * n, 1))
        defer { panel.deallocate() }
        for p in 0..<k {
            for j in 0..<n {
                panel[p * n + j] = transposeB ? b[j * ldb + p] : b[p * ldb + j]
            }
        }
        for i in 0..<m {
            let cRow = c + i * ldc
            if beta == 0 {
                cRow.update(repeating: 0, count: n)
            } else if beta != 1 {
                for j in 0..<n { cRow[j] *= beta }
            }
            for p in 0..<k {
                let scale = alpha * (transposeA ? a[p * lda + i] : a[i * lda + p])
                if scale == 0 { continue }
                Kernels.axpy(count: n, alpha: scale, x: panel + p * n, y: cRow)
            }
        }
    }
}
