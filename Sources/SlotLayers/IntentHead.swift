import SlotMath

/// The intent classifier: pools each sentence's encoder outputs into one
/// vector, appends the sentence's fixed features if it has any, and maps it
/// to intent logits with a ``Linear`` layer, optionally through a tanh
/// hidden layer.
///
/// ```
/// v_b      = [pool(H_b) ; S_b]         H_b: T_b × D, rows of the batch's encoder outputs;
///                                      S_b: the sentence's E fixed features (E may be 0)
/// logits   = V · Wᵀ + b                V: B × P (one GEMM for the batch),  W: intents × P
/// with a hidden layer:
/// A        = tanh(V · W_hᵀ + b_h)      W_h: K × P
/// logits   = A · Wᵀ + b                W: intents × K
/// ```
/// Train the logits with ``SoftmaxOutput/crossEntropy(logits:rows:labels:logitGradient:scale:)``
/// (one row per sentence) and turn them into confidences with
/// ``SoftmaxOutput/probabilities(logits:rows:)``. The backward pass routes the
/// pooled gradient to the encoder outputs: to the two final positions for
/// the final states, to each column's argmax token for the maximum (the first
/// one on ties), and evenly over the tokens for the mean.
///
/// Parameters are named `hidden.weight` and `hidden.bias` (with a hidden
/// layer), then `linear.weight` and `linear.bias`.
package struct IntentHead: ParameterSet, Hashable {
    /// The tanh hidden layer between the pooled vectors and the projection, if any.
    package var hidden: Linear?
    /// The projection to intent logits (from the pooled vectors, or from the hidden layer).
    package var linear: Linear
    /// The pooling of encoder outputs.
    package let pooling: IntentPooling
    /// The number `E` of fixed features per sentence that follow the pooled
    /// encoder outputs (0 for none): inputs, so they receive no gradient.
    package let sentenceFeatureSize: Int

    /// What ``forward(_:sentences:)`` keeps for the backward pass.
    package struct Cache: Sendable {
        /// The pooled vectors, `B × P`, one row per sentence.
        package let pooled: Matrix
        /// The rows of each sentence in the encoder outputs.
        package let sentences: [Range<Int>]
        /// The number of rows of the encoder outputs.
        package let outputRows: Int
        /// The hidden layer's activations, `B × K`, when there is a hidden layer.
        let activations: Matrix?
        /// For max pooling, the row of the encoder outputs holding each
        /// sentence's maximum of each column (`B × D`, -1 for an empty sentence).
        let maxRows: [Int]
    }

    /// Creates a head with Glorot-initialised weights.
    ///
    /// - Parameters:
    ///   - inputSize: the encoder's output width `D` (even for pooling with final states).
    ///   - intentCount: the number of intents.
    ///   - pooling: the pooling.
    ///   - hiddenSize: the size `K` of the tanh hidden layer; 0 for none.
    ///   - sentenceFeatureSize: the number `E` of fixed features per sentence; 0 for none.
    ///   - generator: the seeded generator that draws the weights.
    package init(
        inputSize: Int, intentCount: Int, pooling: IntentPooling, hiddenSize: Int = 0, sentenceFeatureSize: Int = 0,
        using generator: inout SplitMix64
    ) {
        precondition(!pooling.usesFinalStates || inputSize % 2 == 0,
                     "final-state pooling needs an even input size, got \(inputSize)")
        precondition(hiddenSize >= 0, "the hidden size must not be negative, got \(hiddenSize)")
        precondition(sentenceFeatureSize >= 0, "the sentence feature size must not be negative, got \(sentenceFeatureSize)")
        let pooledSize = pooling.pooledSize(inputSize: inputSize) + sentenceFeatureSize
        if hiddenSize > 0 {
            hidden = Linear(inputSize: pooledSize, outputSize: hiddenSize, using: &generator)
            linear = Linear(inputSize: hiddenSize, outputSize: intentCount, using: &generator)
        } else {
            hidden = nil
            linear = Linear(inputSize: pooledSize, outputSize: intentCount, using: &generator)
        }
        self.pooling = pooling
        self.sentenceFeatureSize = sentenceFeatureSize
    }

    /// Creates a head from existing layers.
    ///
    /// - Parameters:
    ///   - linear: the projection; its input size is the hidden layer's output
    ///     size, or the pooled size without a hidden layer.
    ///   - pooling: the pooling.
    ///   - hidden: the tanh hidden layer, whose input size is the pooled size; `nil` for none.
    ///   - sentenceFeatureSize: the number `E` of fixed features per sentence, the
    ///     last `E` of the pooled size; 0 for none.
    package init(linear: Linear, pooling: IntentPooling, hidden: Linear? = nil, sentenceFeatureSize: Int = 0) {
        if let hidden {
            precondition(hidden.outputSize == linear.inputSize,
                         "the hidden layer gives \(hidden.outputSize) values, the projection expects \(linear.inputSize)")
        }
        let pooledSize = (hidden?.inputSize ?? linear.inputSize) - sentenceFeatureSize
        precondition(sentenceFeatureSize >= 0 && pooledSize > 0,
                     "\(sentenceFeatureSize) sentence features leave no room for pooled encoder outputs")
        precondition(!pooling.hasTwoParts || pooledSize % 2 == 0,
                     "\(pooling.rawValue) pooling needs an even pooled size, got \(pooledSize)")
        let width = pooling.hasTwoParts ? pooledSize / 2 : pooledSize
        precondition(!pooling.usesFinalStates || width % 2 == 0,
                     "final-state pooling needs an even input size, got \(width)")
        self.hidden = hidden
        self.linear = linear
        self.pooling = pooling
        self.sentenceFeatureSize = sentenceFeatureSize
    }

    /// The size `P` of the pooled vector, sentence features included.
    package var pooledSize: Int { hidden?.inputSize ?? linear.inputSize }

    /// The encoder's output width `D`.
    package var inputSize: Int {
        let encoderPart = pooledSize - sentenceFeatureSize
        return pooling.hasTwoParts ? encoderPart / 2 : encoderPart
    }

    /// The number of intents.
    package var intentCount: Int { linear.outputSize }

    /// Visits `hidden.weight` and `hidden.bias` (with a hidden layer), then `linear.weight` and `linear.bias`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try hidden?.visitParameters { name, matrix in try body("hidden." + name, &matrix) }
        try linear.visitParameters { name, matrix in try body("linear." + name, &matrix) }
    }

    /// The intent logits of every sentence.
    ///
    /// - Parameters:
    ///   - outputs: the encoder outputs of the batch, `N × D`.
    ///   - sentences: the rows of each sentence.
    ///   - sentenceFeatures: `B × E`, each sentence's fixed features (when `E` is positive).
    ///   - strategy: how the projections' matrix products are computed
    ///     (``GEMM/Strategy``): BLAS in training, the direct kernel at inference.
    /// - Returns: `B × intents` logits, one row per sentence.
    package func callAsFunction(
        _ outputs: Matrix, sentences: [Range<Int>], sentenceFeatures: Matrix? = nil, strategy: GEMM.Strategy = .blas
    ) -> Matrix {
        forward(outputs, sentences: sentences, sentenceFeatures: sentenceFeatures, strategy: strategy).logits
    }

    /// The intent distribution of every sentence: the softmax of its logits.
    ///
    /// - Parameters:
    ///   - outputs: the encoder outputs of the batch, `N × D`.
    ///   - sentences: the rows of each sentence.
    /// - Returns: `B × intents` probabilities, rows summing to 1.
    package func probabilities(_ outputs: Matrix, sentences: [Range<Int>]) -> Matrix {
        SoftmaxOutput.probabilities(logits: self(outputs, sentences: sentences))
    }

    /// Pools every sentence, appends its fixed features, and projects the
    /// pooled vectors with one GEMM.
    ///
    /// - Parameters:
    ///   - outputs: the encoder outputs of the batch, `N × D`.
    ///   - sentences: the rows of each sentence; an empty sentence pools to zeros.
    ///   - sentenceFeatures: `B × E`, each sentence's fixed features; required
    ///     when ``sentenceFeatureSize`` is positive, ignored otherwise.
    ///   - strategy: how the projections' matrix products are computed (``GEMM/Strategy``).
    /// - Returns: `B × intents` logits and the cache for ``backward(_:cache:outputGradient:addingTo:)``.
    package func forward(
        _ outputs: Matrix, sentences: [Range<Int>], sentenceFeatures: Matrix? = nil, strategy: GEMM.Strategy = .blas
    ) -> (logits: Matrix, cache: Cache) {
        let width = inputSize
        precondition(outputs.columns == width, "encoder outputs have \(outputs.columns) columns, the head expects \(width)")
        if sentenceFeatureSize > 0 {
            precondition(sentenceFeatures?.rows == sentences.count && sentenceFeatures?.columns == sentenceFeatureSize,
                         "the head needs \(sentences.count)×\(sentenceFeatureSize) sentence features")
        }
        for range in sentences {
            precondition(range.lowerBound >= 0 && range.upperBound <= outputs.rows,
                         "sentence rows \(range) lie outside the \(outputs.rows) encoder rows")
        }
        var pooled = Matrix(rows: sentences.count, columns: pooledSize)
        var maxRows = pooling.usesMaximum ? [Int](repeating: -1, count: sentences.count * width) : []
        let pooledWidth = pooledSize
        let pooling = pooling
        let maxOffset = pooling.hasTwoParts ? width : 0
        if let sentenceFeatures, sentenceFeatureSize > 0 {
            let featureStart = pooledWidth - sentenceFeatureSize
            for b in sentences.indices {
                for column in 0..<sentenceFeatureSize { pooled[b, featureStart + column] = sentenceFeatures[b, column] }
            }
        }
        outputs.withUnsafeBufferPointer { outputs in
            pooled.withUnsafeMutableBufferPointer { pooled in
                maxRows.withUnsafeMutableBufferPointer { maxRows in
                    for (b, range) in sentences.enumerated() where !range.isEmpty {
                        let target = pooled.baseAddress! + b * pooledWidth
                        let source = outputs.baseAddress!
                        if pooling.usesFinalStates {
                            let half = width / 2
                            target.update(from: source + (range.upperBound - 1) * width, count: half)
                            (target + half).update(from: source + range.lowerBound * width + half, count: half)
                        }
                        if pooling.usesMaximum {
                            let maxTarget = target + maxOffset
                            let rowsOfMax = maxRows.baseAddress! + b * width
                            maxTarget.update(from: source + range.lowerBound * width, count: width)
                            rowsOfMax.update(repeating: range.lowerBound, count: width)
                            for row in range.dropFirst() {
                                let x = source + row * width
                                for d in 0..<width where x[d] > maxTarget[d] {
                                    maxTarget[d] = x[d]
                                    rowsOfMax[d] = row
                                }
                            }
                        }
                        if pooling == .meanMax {
                            for row in range { Kernels.add(count: width, x: source + row * width, y: target) }
                            let inverse = 1 / Float(range.count)
                            for d in 0..<width { target[d] *= inverse }
                        }
                    }
                }
            }
        }
        var activations: Matrix?
        if let hidden {
            var values = hidden(pooled, strategy: strategy)
            values.withUnsafeMutableBufferPointer { values in
                for index in values.indices { values[index] = Kernels.tanh(values[index]) }
            }
            activations = values
        }
        let logits = linear(activations ?? pooled, strategy: strategy)
        let cache = Cache(
            pooled: pooled, sentences: sentences, outputRows: outputs.rows, activations: activations, maxRows: maxRows)
        return (logits, cache)
    }

    /// Back-propagates the logits' gradient, adding into existing accumulators.
    ///
    /// - Parameters:
    ///   - logitGradient: `∂L/∂logits`, `B × intents`.
    ///   - cache: the cache from ``forward(_:sentences:)``.
    ///   - outputGradient: `N × D`; the sentences' rows receive `+= ∂L/∂outputs`.
    ///   - gradient: receives `+= ∂L/∂(linear.weight, linear.bias)`.
    package func backward(
        _ logitGradient: Matrix, cache: Cache, outputGradient: inout Matrix, addingTo gradient: inout IntentHead
    ) {
        let width = inputSize
        precondition(outputGradient.rows == cache.outputRows && outputGradient.columns == width,
                     "output gradient is \(outputGradient.rows)×\(outputGradient.columns), expected \(cache.outputRows)×\(width)")
        linear.backward(logitGradient, input: cache.activations ?? cache.pooled, addingTo: &gradient.linear)
        var linearInputGradient = Matrix(rows: cache.sentences.count, columns: linear.inputSize)
        Matrix.multiply(logitGradient, linear.weight, into: &linearInputGradient)
        var pooledGradient = linearInputGradient
        if let hidden, let activations = cache.activations {
            // tanh′ = 1 − a²
            activations.withUnsafeBufferPointer { a in
                linearInputGradient.withUnsafeMutableBufferPointer { g in
                    for index in g.indices { g[index] *= 1 - a[index] * a[index] }
                }
            }
            var hiddenGradient = gradient.hidden ?? hidden.zeroed
            pooledGradient = Matrix(rows: cache.sentences.count, columns: pooledSize)
            hidden.backward(linearInputGradient, input: cache.pooled, addingTo: &hiddenGradient, inputGradient: &pooledGradient)
            gradient.hidden = hiddenGradient
        }
        let pooledWidth = pooledSize
        let pooling = pooling
        let maxOffset = pooling.hasTwoParts ? width : 0
        pooledGradient.withUnsafeBufferPointer { pooledGradient in
            outputGradient.withUnsafeMutableBufferPointer { outputGradient in
                cache.maxRows.withUnsafeBufferPointer { maxRows in
                    for (b, range) in cache.sentences.enumerated() where !range.isEmpty {
                        let source = pooledGradient.baseAddress! + b * pooledWidth
                        let target = outputGradient.baseAddress!
                        if pooling.usesFinalStates {
                            let half = width / 2
                            Kernels.add(count: half, x: source, y: target + (range.upperBound - 1) * width)
                            Kernels.add(count: half, x: source + half, y: target + range.lowerBound * width + half)
                        }
                        if pooling.usesMaximum {
                            let maxSource = source + maxOffset
                            let rowsOfMax = maxRows.baseAddress! + b * width
                            for d in 0..<width { target[rowsOfMax[d] * width + d] += maxSource[d] }
                        }
                        if pooling == .meanMax {
                            let inverse = 1 / Float(range.count)
                            for row in range {
                                Kernels.axpy(count: width, alpha: inverse, x: source, y: target + row * width)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Back-propagates the logits' gradient into new matrices.
    ///
    /// - Parameters:
    ///   - logitGradient: `∂L/∂logits`, `B × intents`.
    ///   - cache: the cache from ``forward(_:sentences:)``.
    /// - Returns: `∂L/∂outputs` (`N × D`) and the parameter gradient.
    package func backward(_ logitGradient: Matrix, cache: Cache) -> (outputs: Matrix, parameters: IntentHead) {
        var outputGradient = Matrix(rows: cache.outputRows, columns: inputSize)
        var gradient = zeroed
        backward(logitGradient, cache: cache, outputGradient: &outputGradient, addingTo: &gradient)
        return (outputGradient, gradient)
    }
}
