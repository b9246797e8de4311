extension Array where Element == Float {
    /// `log(Σ e^(x_i))` of the elements, shifted by their maximum (see
    /// ``Kernels/logSumExp(count:_:stride:)``).
    package var logSumExp: Float {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -.infinity }
            return Kernels.logSumExp(count: buffer.count, base)
        }
    }
}
