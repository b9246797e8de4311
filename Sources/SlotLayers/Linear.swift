import SlotMath

/// A fully connected layer applied to every row of a batch matrix.
///
/// ```
/// Y = X · Wᵀ + b        X: n × in,  W: out × in,  b: 1 × out,  Y: n × out
/// ∂L/∂W = (∂L/∂Y)ᵀ · X     ∂L/∂b = Σ_rows ∂L/∂Y     ∂L/∂X = ∂L/∂Y · W
/// ```
/// Products go through ``GEMM`` (one BLAS call for the whole batch). The
/// gradient of a `Linear` is a `Linear` of the same shape, so optimisers walk
/// both with ``ParameterSet``. Parameters are named `weight` and `bias`.
package struct Linear: ParameterSet, Hashable {
    /// The weight matrix, `outputSize × inputSize` (one row per output unit).
    package var weight: Matrix
    /// The bias, `1 × outputSize`.
    package var bias: Matrix
    /// `Wᵀ` (`inputSize × outputSize`), kept by ``prepareForInference()`` so
    /// that a ``GEMM/Strategy/direct`` product sums each output over the rows
    /// of `Wᵀ` without horizontal sums; `nil` until then, and again once the
    /// parameters are visited for writing. Not part of the layer's equality.
    package var weightTransposed: Matrix? = nil

    /// What ``forward(_:)`` keeps for ``backward(_:cache:)``: the input batch.
    package struct Cache: Sendable {
        /// The input batch, `n × inputSize`.
        package let input: Matrix
    }

    /// Creates a layer with Glorot-uniform weights and zero bias.
    ///
    /// - Parameters:
    ///   - inputSize: the number of input features.
    ///   - outputSize: the number of output units.
    ///   - generator: the seeded generator that draws the weights.
    package init(inputSize: Int, outputSize: Int, using generator: inout SplitMix64) {
        precondition(inputSize > 0 && outputSize > 0, "a linear layer needs positive sizes, got \(inputSize) → \(outputSize)")
        weight = .glorot(rows: outputSize, columns: inputSize, using: &generator)
        bias = Matrix(rows: 1, columns: outputSize)
    }

    /// Creates a layer from existing parameters.
    ///
    /// - Parameters:
    ///   - weight: the weights, `outputSize × inputSize`.
    ///   - bias: the bias, `1 × outputSize`.
    package init(weight: Matrix, bias: Matrix) {
        precondition(bias.rows == 1 && bias.columns == weight.rows,
                     "bias is \(bias.rows)×\(bias.columns), expected 1×\(weight.rows)")
        self.weight = weight
        self.bias = bias
    }

    /// The number of input features.
    package var inputSize: Int { weight.columns }

    /// The number of output units.
    package var outputSize: Int { weight.rows }

    /// Two layers are equal when their weights and biases are.
    package static func == (left: Linear, right: Linear) -> Bool {
        left.weight == right.weight && left.bias == right.bias
    }

    /// Hashes the weights and the bias.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(weight)
        hasher.combine(bias)
    }

    /// Keeps `Wᵀ` (``weightTransposed``) for the direct kernel: what a tagger
    /// does once for its emission layer, whose product has many columns.
    package mutating func prepareForInference() {
        weightTransposed = weight.transposed
    }

    /// Visits `weight` then `bias`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        weightTransposed = nil
        try body("weight", &weight)
        try body("bias", &bias)
    }

    /// Applies the layer to every row of `input`.
    ///
    /// - Parameters:
    ///   - input: the batch, `n × inputSize`.
    ///   - strategy: how the matrix product is computed (``GEMM/Strategy``).
    /// - Returns: the outputs, `n × outputSize`.
    package func callAsFunction(_ input: Matrix, strategy: GEMM.Strategy = .blas) -> Matrix {
        var output = Matrix(rows: input.rows, columns: outputSize)
        forward(input, into: &output, strategy: strategy)
        return output
    }

    /// Applies the layer to every row of `input`, writing into a reusable
    /// workspace so that a training loop allocates only while batches grow.
    ///
    /// - Parameters:
    ///   - input: the batch, `n × inputSize`.
    ///   - output: resized to `n` rows and overwritten; it must have `outputSize` columns.
    ///   - strategy: how the matrix product is computed (``GEMM/Strategy``).
    package func forward(_ input: Matrix, into output: inout Matrix, strategy: GEMM.Strategy = .blas) {
        precondition(input.columns == inputSize, "input has \(input.columns) columns, the layer expects \(inputSize)")
        precondition(output.columns == outputSize, "output has \(output.columns) columns, the layer produces \(outputSize)")
        output.resize(rows: input.rows)
        guard input.rows > 0 else { return }
        let columns = outputSize
        bias.withUnsafeBufferPointer { b in
            output.withUnsafeMutableBufferPointer { y in
                for row in 0..<input.rows {
                    (y.baseAddress! + row * columns).update(from: b.baseAddress!, count: columns)
                }
            }
        }
        guard strategy == .direct, let transposed = weightTransposed else {
            Matrix.multiply(input, weight, transposeB: true, into: &output, beta: 1, strategy: strategy)
            return
        }
        input.withUnsafeBufferPointer { x in
        transposed.withUnsafeBufferPointer { w in
        output.withUnsafeMutableBufferPointer { y in
            GEMM.multiplyDirect(
                m: input.rows, n: columns, k: inputSize, a: x.baseAddress!, lda: inputSize,
                transposedB: w.baseAddress!, ldb: columns, accumulate: true, c: y.baseAddress!, ldc: columns)
        }}}
    }

    /// Applies the layer and keeps what the backward pass needs.
    ///
    /// - Parameter input: the batch, `n × inputSize`.
    /// - Returns: the outputs, `n × outputSize`, and the cache for ``backward(_:cache:)``.
    package func forward(_ input: Matrix) -> (output: Matrix, cache: Cache) {
        (self(input), Cache(input: input))
    }

    /// Back-propagates an output gradient.
    ///
    /// - Parameters:
    ///   - outputGradient: `∂L/∂Y`, `n × outputSize`.
    ///   - cache: the cache from ``forward(_:)``.
    /// - Returns: `∂L/∂X` (`n × inputSize`) and the parameter gradient.
    package func backward(_ outputGradient: Matrix, cache: Cache) -> (input: Matrix, parameters: Linear) {
        var inputGradient = Matrix(rows: cache.input.rows, columns: inputSize)
        var gradient = zeroed
        backward(outputGradient, input: cache.input, addingTo: &gradient, inputGradient: &inputGradient)
        return (inputGradient, gradient)
    }

    /// Back-propagates an output gradient, adding into existing accumulators
    /// (no allocation): the form a training loop uses.
    ///
    /// - Parameters:
    ///   - outputGradient: `∂L/∂Y`, `n × outputSize`.
    ///   - input: the input `X` of the forward pass, `n × inputSize`.
    ///   - gradient: receives `+= ∂L/∂W` and `+= ∂L/∂b`.
    ///   - inputGradient: receives `+= ∂L/∂X`; it must be `n × inputSize`.
    package func backward(
        _ outputGradient: Matrix, input: Matrix, addingTo gradient: inout Linear, inputGradient: inout Matrix
    ) {
        backward(outputGradient, input: input, addingTo: &gradient)
        precondition(inputGradient.rows == input.rows && inputGradient.columns == inputSize,
                     "input gradient is \(inputGradient.rows)×\(inputGradient.columns), expected \(input.rows)×\(inputSize)")
        Matrix.multiply(outputGradient, weight, into: &inputGradient, beta: 1)
    }

    /// Accumulates only the parameter gradient (for a first layer whose input
    /// needs no gradient).
    ///
    /// - Parameters:
    ///   - outputGradient: `∂L/∂Y`, `n × outputSize`.
    ///   - input: the input `X` of the forward pass, `n × inputSize`.
    ///   - gradient: receives `+= ∂L/∂W` and `+= ∂L/∂b`.
    package func backward(_ outputGradient: Matrix, input: Matrix, addingTo gradient: inout Linear) {
        precondition(outputGradient.rows == input.rows && outputGradient.columns == outputSize,
                     "output gradient is \(outputGradient.rows)×\(outputGradient.columns), expected \(input.rows)×\(outputSize)")
        precondition(input.columns == inputSize, "input has \(input.columns) columns, the layer expects \(inputSize)")
        guard input.rows > 0 else { return }
        Matrix.multiply(outputGradient, transposeA: true, input, into: &gradient.weight, beta: 1)
        let columns = outputSize
        outputGradient.withUnsafeBufferPointer { dy in
            gradient.bias.withUnsafeMutableBufferPointer { db in
                for row in 0..<input.rows {
                    Kernels.add(count: columns, x: dy.baseAddress! + row * columns, y: db.baseAddress!)
                }
            }
        }
    }
}
