import SlotMath

extension ParameterSet {
    /// Scales the whole gradient down so that its global norm is at most
    /// `maximumNorm` (gradient-norm clipping, against exploding gradients).
    /// - Returns: the norm before clipping.
    @discardableResult
    package mutating func clipNorm(to maximumNorm: Double) -> Double {
        let norm = globalNorm
        if norm > maximumNorm, norm.isFinite {
            scale(by: Float(maximumNorm / norm))
        }
        return norm
    }
}
