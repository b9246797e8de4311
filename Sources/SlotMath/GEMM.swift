#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLAS)
import CBLAS
#endif
import CKernels

/// General matrix multiplication over raw row-major buffers, the one place
/// where the toolkit's matrix products happen.
///
/// ```
/// C = alpha · op(A) · op(B) + beta · C      op(X) = X or Xᵀ
/// ```
/// `A` is `m × k` after `op`, `B` is `k × n`, `C` is `m × n`; `lda`, `ldb`,
/// `ldc` are the row strides of the buffers as stored. On Linux the product goes
/// to OpenBLAS's `cblas_sgemm`, on Apple platforms to Accelerate, and elsewhere
/// to ``SwiftGEMM``, a portable blocked kernel. `bench gemm` measures all of them.
package enum GEMM {
    /// The name of the backend that ``multiply(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` uses.
    package static var backend: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #elseif canImport(CBLAS)
        return "OpenBLAS"
        #else
        return "Swift"
        #endif
    }

    /// Makes the BLAS library run each product on the calling thread only.
    ///
    /// Our products are small (a batch of a few sentences), so BLAS's own
    /// threads cost more than they give, and training already splits each
    /// batch over the cores. Executables call this once at start-up.
    package static func useCallingThreadOnly() {
        #if canImport(CBLAS) && !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
    }

    /// Which code computes a product that both BLAS and the direct kernel could.
    package enum Strategy: Sendable {
        /// BLAS for every product. Training takes this, so that a recipe trains
        /// to the same bits as it did before the direct kernel existed.
        case blas
        /// The direct kernel (``multiplyDirect(m:n:k:a:lda:b:ldb:accumulate:c:ldc:)``)
        /// for every `A · Bᵀ` with `alpha` 1 and `beta` 0 or 1; BLAS otherwise.
        /// Inference takes this. One sentence's products are small, and BLAS
        /// copies (packs) the whole weight matrix on every call: direct 46
        /// GFLOP/s against OpenBLAS's 24 for `11 × 150 · 150 × 400`, one thread,
        /// warm caches. And the direct kernel computes each row of `C` from
        /// that row of `A` alone, in the same order whatever the other rows,
        /// so a sentence's result does not depend on the sentences batched
        /// beside it (BLAS sums edge rows of a block in another order); for a
        /// whole batch it is about as fast as BLAS at the tagger's shapes
        /// (`bench` prints both).
        case direct
    }

    /// Computes `C = alpha · op(A) · op(B) + beta · C` with the platform's BLAS,
    /// or with the direct kernel when `strategy` is ``Strategy/direct`` and the
    /// product qualifies (the two sum in different orders: results can differ
    /// in the last bits).
    @inlinable
    package static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
        strategy: Strategy = .blas
    ) {
        if strategy == .direct && !transposeA && transposeB && alpha == 1 && (beta == 0 || beta == 1) {
            multiplyDirect(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, accumulate: beta == 1, c: c, ldc: ldc)
            return
        }
        #if canImport(Accelerate) || canImport(CBLAS)
        if m == 1 && n > 0 && k > 0 && !transposeA {
            // A one-row product is a matrix-vector product; gemv skips the copy (packing) of B
            // that gemm makes on every call, which costs more than the product at this size.
            // Its sums run in another order than gemm's, so a row computed alone can differ
            // from the same row computed in a batch in the last bits.
            multiplyVector(
                transpose: !transposeB, rows: transposeB ? n : k, columns: transposeB ? k : n,
                alpha: alpha, a: b, lda: ldb, x: a, beta: beta, y: c)
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        #else
        SwiftGEMM.multiply(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        #endif
    }

    /// Computes `C = A · Bᵀ` (or `C += A · Bᵀ` when `accumulate`) with dot
    /// products of rows as they are stored (`CKernels`, AVX2 and FMA where the
    /// processor has them): no copy of `B` is made, which makes it faster than
    /// BLAS when `A` has few rows.
    /// - Parameters:
    ///   - m: rows of `A` and `C`.
    ///   - n: rows of `B`, columns of `C`.
    ///   - k: columns of `A` and `B`.
    ///   - path: the vector code where the processor has it, or portable C.
    @inlinable
    package static func multiplyDirect(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int, path: Kernels.Path = .fastest
    ) {
        let product = path == .fastest ? ckernels_sgemm_nt : ckernels_sgemm_nt_portable
        product(Int32(m), Int32(n), Int32(k), a, Int32(lda), b, Int32(ldb), c, Int32(ldc), accumulate ? 1 : 0)
    }

    /// Computes `C = A · B` (or `C += A · B` when `accumulate`) for `B` stored
    /// `k × n` — a weight matrix kept transposed for it — with each row of `C`
    /// a sum of the rows of `B` weighted by that row of `A` (`CKernels`, AVX2
    /// and FMA where the processor has them): no horizontal sums, so fewer
    /// instructions than ``multiplyDirect(m:n:k:a:lda:b:ldb:accumulate:c:ldc:path:)``
    /// for one row of `A`.
    /// - Parameters:
    ///   - m: rows of `A` and `C`.
    ///   - n: columns of `B` and `C`.
    ///   - k: columns of `A`, rows of `B`.
    ///   - path: the vector code where the processor has it, or portable C.
    @inlinable
    package static func multiplyDirect(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, transposedB b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int, path: Kernels.Path = .fastest
    ) {
        let product = path == .fastest ? ckernels_sgemm_nn : ckernels_sgemm_nn_portable
        product(Int32(m), Int32(n), Int32(k), a, Int32(lda), b, Int32(ldb), c, Int32(ldc), accumulate ? 1 : 0)
    }

    /// Computes `y = alpha · op(A) · x + beta · y` for a row-major `rows × columns`
    /// matrix `A` (row stride `lda`): the one-row product that the CRF's
    /// forward-backward recursion needs per token.
    ///
    /// BLAS's `gemv` reads `A` as it is stored, where `gemm` would first copy
    /// (pack) it on every call, which costs more than the product at this size.
    /// - Parameters:
    ///   - transpose: use `Aᵀ` (then `x` has `rows` elements and `y` has `columns`).
    ///   - rows: rows of `A` as stored.
    ///   - columns: columns of `A` as stored.
    @inlinable
    package static func multiplyVector(
        transpose: Bool, rows: Int, columns: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        #if canImport(Accelerate) || canImport(CBLAS)
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
            Int32(rows), Int32(columns), alpha, a, Int32(lda), x, 1, beta, y, 1)
        #else
        // y (1 × outputs) = x (1 × inputs) · op(A)ᵀ as a one-row matrix product.
        SwiftGEMM.multiply(
            transposeA: false, transposeB: !transpose, m: 1, n: transpose ? columns : rows, k: transpose ? rows : columns,
            alpha: alpha, a: x, lda: transpose ? rows : columns, b: a, ldb: lda, beta: beta, c: y, ldc: transpose ? columns : rows)
        #endif
    }
}
