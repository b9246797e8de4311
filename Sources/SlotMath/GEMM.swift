#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLAS)
import CBLAS
#endif

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
public enum GEMM {
    /// The name of the backend that ``multiply(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` uses.
    public static var backend: String {
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
    public static func useCallingThreadOnly() {
        #if canImport(CBLAS) && !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
    }

    /// Computes `C = alpha · op(A) · op(B) + beta · C` with the platform's BLAS.
    @inlinable
    public static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        #if canImport(Accelerate) || canImport(CBLAS)
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
}
