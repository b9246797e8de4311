import SlotMath

/// Inverted dropout: during training each element is zeroed with probability
/// `rate` and the survivors are scaled by `1 / (1 − rate)`, so that inference
/// needs no rescaling and simply skips the layer.
package struct Dropout: Hashable, Sendable, Codable {
    /// The probability of zeroing an element, in `[0, 1)`.
    package var rate: Float

    /// Creates a dropout layer.
    package init(rate: Float) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
        self.rate = rate
    }

    /// Applies dropout in place and returns the mask (each element 0 or the
    /// scale `1 / (1 − rate)`), which ``backward(_:mask:)`` applies to the gradient.
    /// Returns `nil` when the rate is 0.
    package func apply(_ input: inout Matrix, using generator: inout SplitMix64) -> Matrix? {
        guard rate > 0 else { return nil }
        var mask = Matrix(rows: input.rows, columns: input.columns)
        let keep = 1 / (1 - rate)
        mask.withUnsafeMutableBufferPointer { maskBuffer in
            input.withUnsafeMutableBufferPointer { values in
                for index in values.indices {
                    let factor: Float = generator.nextUnitFloat() < rate ? 0 : keep
                    maskBuffer[index] = factor
                    values[index] *= factor
                }
            }
        }
        return mask
    }

    /// Applies a mask from ``apply(_:using:)`` to a gradient in place.
    package func backward(_ gradient: inout Matrix, mask: Matrix?) {
        guard let mask else { return }
        precondition(mask.rows == gradient.rows && mask.columns == gradient.columns, "dropout mask has the wrong shape")
        mask.withUnsafeBufferPointer { maskBuffer in
            gradient.withUnsafeMutableBufferPointer { values in
                for index in values.indices { values[index] *= maskBuffer[index] }
            }
        }
    }
}
