import CKernels

/// The activation functions of the recurrent layers, computed eight lanes at a
/// time with AVX (`CKernels`, `activations.c`) instead of one `libm` call per
/// element.
///
/// The LSTM and GRU spend most of their time in `σ` and `tanh` (five calls per
/// hidden unit and token); `libm`'s `tanhf` alone took a quarter of tagging
/// time. These versions use one exponential from a short polynomial:
///
/// ```
/// e^x = 2^n · p(r),  n = round(x / ln 2),  r = x − n·ln 2,  |r| ≤ ln 2 / 2
/// σ(x) = 1 / (1 + e^(−x))
/// tanh(x) = sign(x) · (1 − 2 / (e^(2|x|) + 1))       for |x| ≥ 0.3
/// tanh(x) = x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835  for |x| < 0.3
/// ```
/// The relative error against `libm` stays below 1e-6 (tested over a dense
/// grid), infinities give the limits and NaN stays NaN. The vector code and
/// the portable C code (processors without AVX2) make the same operations in
/// the same order, without fused multiply-adds, so they give the same bits,
/// and so do the scalar and buffer forms: every layer sees the same values
/// whichever form it calls.
extension Kernels {
    /// The logistic sigmoid `σ(x) = 1 / (1 + e^(−x))`, for any finite or infinite `x`.
    @inlinable
    package static func sigmoid(_ x: Float) -> Float {
        var value = x
        ckernels_apply(CKERNELS_SIGMOID, 1, &value)
        return value
    }

    /// The hyperbolic tangent.
    @inlinable
    package static func tanh(_ x: Float) -> Float {
        var value = x
        ckernels_apply(CKERNELS_TANH, 1, &value)
        return value
    }

    /// Replaces each of the `count` elements at `x` by `e^x`: `+infinity`
    /// above about 88.7, 0 below about −87.3, NaN for NaN.
    @inlinable
    package static func exp(count: Int, _ x: UnsafeMutablePointer<Float>, path: Path = .fastest) {
        apply(CKERNELS_EXP, count: count, x, path: path)
    }

    /// Replaces each of the `count` elements at `x` by its sigmoid.
    @inlinable
    package static func sigmoid(count: Int, _ x: UnsafeMutablePointer<Float>, path: Path = .fastest) {
        apply(CKERNELS_SIGMOID, count: count, x, path: path)
    }

    /// Replaces each of the `count` elements at `x` by its hyperbolic tangent.
    @inlinable
    package static func tanh(count: Int, _ x: UnsafeMutablePointer<Float>, path: Path = .fastest) {
        apply(CKERNELS_TANH, count: count, x, path: path)
    }

    /// Applies `function` to `count` elements in place with the code `path` names.
    @inlinable
    static func apply(_ function: ckernels_function, count: Int, _ x: UnsafeMutablePointer<Float>, path: Path) {
        switch path {
        case .fastest: ckernels_apply(function, Int32(count), x)
        case .portable: ckernels_apply_portable(function, Int32(count), x)
        }
    }
}
