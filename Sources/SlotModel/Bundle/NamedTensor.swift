/// A named float32 tensor: the unit in which model parameters are saved and loaded.
///
/// Values are stored flat in row-major order, so the element at index `(i, j)` of a
/// tensor of shape `[rows, columns]` is `values[i * columns + j]`. A tensor of shape `[]`
/// is a scalar holding one value; a tensor with a zero dimension holds none.
package struct NamedTensor: Sendable, Equatable {
    /// The parameter's name, unique within a model (for example `encoder.lstm.0.forward.weight`).
    package let name: String
    /// The size of each dimension, outermost first.
    package let shape: [Int]
    /// The elements in row-major order; `values.count` is the product of `shape`.
    package let values: [Float]

    /// Creates a tensor.
    ///
    /// - Parameters:
    ///   - name: The parameter's name.
    ///   - shape: The size of each dimension, outermost first; every size must be at least 0.
    ///   - values: The elements in row-major order; their count must be the product of `shape`.
    /// - Precondition: The sizes are non-negative and `values.count` equals their product.
    package init(name: String, shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "tensor '\(name)': negative dimension in shape \(shape)")
        let count = NamedTensor.elementCount(of: shape)
        precondition(count == values.count, "tensor '\(name)': shape \(shape) holds \(count.map(String.init) ?? "too many") values but \(values.count) were given")
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// The number of elements a shape holds, or `nil` when the product overflows `Int`.
    ///
    /// - Parameter shape: Non-negative dimension sizes.
    /// - Returns: The product of the sizes (1 for the empty shape of a scalar), or `nil` on overflow.
    static func elementCount(of shape: [Int]) -> Int? {
        var product = 1
        for size in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            product = next
        }
        return product
    }
}
