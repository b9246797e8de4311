#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Element-wise kernels over raw buffers: the inner loops of the layers.
///
/// They take pointers so that callers can work on rows of larger workspaces
/// without copying, and they never allocate.
package enum Kernels {
    /// `y += alpha · x` over `count` elements.
    @inlinable
    package static func axpy(count: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        for index in 0..<count { y[index] += alpha * x[index] }
    }

    /// `y += x` over `count` elements.
    @inlinable
    package static func add(count: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        for index in 0..<count { y[index] += x[index] }
    }

    /// The dot product of `x` and `y` over `count` elements.
    @inlinable
    package static func dot(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        var sum: Float = 0
        for index in 0..<count { sum += x[index] * y[index] }
        return sum
    }

    /// `e^x` in single precision.
    @inlinable
    package static func exp(_ x: Float) -> Float {
        expf(x)
    }

    /// The natural logarithm in single precision.
    @inlinable
    package static func log(_ x: Float) -> Float {
        logf(x)
    }

    /// `log(Σ e^(x_i))` over `count` elements spaced `stride` apart, shifted by
    /// the maximum so that it neither overflows nor underflows.
    ///
    /// ```
    /// logSumExp(x) = m + log Σ e^(x_i − m),  m = max x_i
    /// ```
    /// Returns `-infinity` when every element is `-infinity` (or `count` is 0),
    /// and `+infinity` when any element is.
    @inlinable
    package static func logSumExp(count: Int, _ x: UnsafePointer<Float>, stride: Int = 1) -> Float {
        var maximum = -Float.infinity
        for index in 0..<count { maximum = max(maximum, x[index * stride]) }
        if maximum == -.infinity || maximum == .infinity { return maximum }
        var sum: Float = 0
        for index in 0..<count { sum += expf(x[index * stride] - maximum) }
        return maximum + logf(sum)
    }

    /// The softmax of `count` elements into `output`, shifted by the maximum.
    @inlinable
    package static func softmax(count: Int, _ x: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let normaliser = logSumExp(count: count, x)
        for index in 0..<count { output[index] = expf(x[index] - normaliser) }
    }
}
