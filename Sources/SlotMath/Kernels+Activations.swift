/// The activation functions of the recurrent layers, computed eight lanes at a
/// time with SIMD vectors instead of one `libm` call per element.
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
/// grid), infinities give the limits and NaN stays NaN. The scalar forms run
/// the same code on one lane, so every layer sees the same values whichever
/// form it calls.
extension Kernels {
    /// The logistic sigmoid `σ(x) = 1 / (1 + e^(−x))`, for any finite or infinite `x`.
    @inlinable
    package static func sigmoid(_ x: Float) -> Float {
        sigmoid(SIMD8(repeating: x))[0]
    }

    /// The hyperbolic tangent.
    @inlinable
    package static func tanh(_ x: Float) -> Float {
        tanh(SIMD8(repeating: x))[0]
    }

    /// Replaces each of the `count` elements at `x` by its sigmoid.
    @inlinable
    package static func sigmoid(count: Int, _ x: UnsafeMutablePointer<Float>) {
        apply(count: count, x) { sigmoid($0) }
    }

    /// Replaces each of the `count` elements at `x` by its hyperbolic tangent.
    @inlinable
    package static func tanh(count: Int, _ x: UnsafeMutablePointer<Float>) {
        apply(count: count, x) { tanh($0) }
    }

    /// The sigmoid of each lane.
    @inlinable
    package static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        1 / (1 + exp(-x))
    }

    /// The hyperbolic tangent of each lane.
    @inlinable
    package static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
        let large = 1 - 2 / (exp(2 * magnitude) + 1)
        let square = x * x
        // The Taylor series to x⁹: its next term is below 1e-7 relative for |x| < 0.3.
        var series: SIMD8<Float> = SIMD8(repeating: 62.0 / 2835)
        series = series * square - 17.0 / 315
        series = series * square + 2.0 / 15
        series = series * square - 1.0 / 3
        series = series * square * x + x
        let signed = large.replacing(with: -large, where: x .< 0)
        return signed.replacing(with: series, where: magnitude .< 0.3)
    }

    /// `e^x` of each lane: `+infinity` above about 88.7, 0 below about −87.3, NaN for NaN.
    @inlinable
    package static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let log2e: Float = 1.442_695_04
        // ln 2 split in two so that n · ln2High is exact for the n that occur.
        let ln2High: Float = 0.693_145_751_953_125
        let ln2Low: Float = 1.428_606_765_330_187_045e-06
        // Adding 1.5 · 2^23 rounds to an integer, which lands in the low mantissa bits.
        let roundingShift: Float = 12_582_912
        var clamped = x.replacing(with: -88, where: x .< -88)
        clamped.replace(with: 88.75, where: x .> 88.75)
        let shifted = clamped * log2e + roundingShift
        let n = shifted - roundingShift
        let r = (clamped - n * ln2High) - n * ln2Low
        // Taylor polynomial of e^r to r⁶ (Horner): error below 2e-7 relative for |r| ≤ ln 2 / 2.
        var p: SIMD8<Float> = SIMD8(repeating: 1.0 / 720)
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        // 2^n in two factors, so that n = 128 (e^88.7 is still finite) and
        // n = −127 (subnormal results) need no exponent outside −126…127.
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self)
            &- unsafeBitCast(SIMD8<Float>(repeating: roundingShift), to: SIMD8<Int32>.self)
        let half = exponent &>> 1
        let scale1 = unsafeBitCast((half &+ 127) &<< 23, to: SIMD8<Float>.self)
        let scale2 = unsafeBitCast((exponent &- half &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = p * scale1 * scale2
        result.replace(with: .infinity, where: x .> 88.72)
        result.replace(with: 0, where: x .< -87.33)
        result.replace(with: x, where: x .!= x)
        return result
    }

    /// Applies `function` to `count` elements in place, eight at a time; the
    /// last partial group goes through a padded vector.
    @inlinable
    static func apply(count: Int, _ x: UnsafeMutablePointer<Float>, _ function: (SIMD8<Float>) -> SIMD8<Float>) {
        var index = 0
        while index + 8 <= count {
            let raw = UnsafeMutableRawPointer(x + index)
            raw.storeBytes(of: function(raw.loadUnaligned(as: SIMD8<Float>.self)), as: SIMD8<Float>.self)
            index += 8
        }
        guard index < count else { return }
        var tail = SIMD8<Float>(repeating: 0)
        for lane in 0..<(count - index) { tail[lane] = x[index + lane] }
        tail = function(tail)
        for lane in 0..<(count - index) { x[index + lane] = tail[lane] }
    }
}
