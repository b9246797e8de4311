import SlotMath

/// Turns each word's characters into one vector with a convolution over the
/// character vectors followed by max-pooling: the alternative to
/// ``CharacterEncoder``'s BiLSTM.
///
/// For a word of `n` characters with vectors `e₀ … e_{n−1}` (rows of
/// `embedding`, dimension `D`), a window of odd width `k`, padding
/// `p = (k − 1) / 2` and zero vectors `eⱼ = 0` for `j < 0` or `j ≥ n`:
/// ```
/// xᵢ = [e_{i−p} … e_{i+p}]                        1 × kD   (i = 0 … n−1)
/// zᵢ = xᵢ · Wᵀ + b                                 1 × F    W: F × kD,  b: 1 × F
/// y_f = tanh(max_i z_{i,f}),   a_f = argmax_i z_{i,f}
/// ```
/// Since tanh is increasing, `tanh(max_i z_{i,f}) = max_i tanh(z_{i,f})`: the
/// layer is a tanh convolution with max-pooling over positions, and tanh is
/// evaluated once per word and filter instead of once per position. tanh
/// (rather than ReLU) keeps every filter's gradient alive even when all its
/// responses are negative, and bounds the outputs like the BiLSTM's.
///
/// The convolution of the whole batch is one GEMM: the rows `xᵢ` of all
/// characters of all words form the im2col matrix `X` (`N × kD`), and
/// `Z = X · Wᵀ + b`. The backward pass routes each output gradient to its
/// argmax position only:
/// ```
/// ∂L/∂z_{i,f} = ∂L/∂y_f · (1 − y_f²)   if i = a_f, else 0
/// ∂L/∂W = (∂L/∂Z)ᵀ · X     ∂L/∂b = Σ_i ∂L/∂zᵢ     ∂L/∂X = ∂L/∂Z · W
/// ∂L/∂eⱼ = Σ_{i, o : i − p + o = j} (∂L/∂xᵢ)[oD ..< (o+1)D]
/// ```
/// Parameters are named `embedding.table`, `weight` and `bias`.
package struct CharacterCNN: ParameterSet {
    /// The character vectors, `V × D`.
    package var embedding: Embedding
    /// The convolution filters, `filters × (window · dimension)`: row `f`
    /// holds filter `f`'s weights for window offset 0, then 1, … each `D` wide.
    package var weight: Matrix
    /// The filters' biases, `1 × filters`.
    package var bias: Matrix

    /// The number of filters, F: the size of each word's vector.
    package var filters: Int { weight.rows }
    /// The width of the convolution window, k.
    package var window: Int { weight.columns / embedding.dimension }
    /// The size of each word's vector, `filters`.
    package var outputSize: Int { filters }

    /// Creates an encoder for `characterCount` character ids, with character
    /// vectors uniform in `±√(3/D)` (row 0, padding, zero), Glorot-uniform
    /// filters and zero biases.
    ///
    /// - Parameters:
    ///   - characterCount: the number of character ids, V.
    ///   - dimension: the size of each character vector, D.
    ///   - filters: the number of filters, F.
    ///   - window: the width of the window, an odd k ≥ 1.
    ///   - generator: the seeded generator that draws the parameters.
    package init(characterCount: Int, dimension: Int, filters: Int, window: Int, using generator: inout SplitMix64) {
        precondition(dimension > 0 && filters > 0, "a character CNN needs positive sizes, got dimension \(dimension), filters \(filters)")
        precondition(window > 0 && window % 2 == 1, "the convolution window must be odd and positive, got \(window)")
        embedding = Embedding(count: characterCount, dimension: dimension, bound: (3 / Float(dimension)).squareRoot(), using: &generator)
        weight = .glorot(rows: filters, columns: window * dimension, using: &generator)
        bias = Matrix(rows: 1, columns: filters)
    }

    /// Creates an encoder from its parameters.
    ///
    /// - Parameters:
    ///   - embedding: the character vectors, `V × D`.
    ///   - weight: the filters, `F × (k · D)` with k odd.
    ///   - bias: the biases, `1 × F`.
    package init(embedding: Embedding, weight: Matrix, bias: Matrix) {
        let dimension = embedding.dimension
        precondition(dimension > 0 && weight.columns % dimension == 0 && (weight.columns / dimension) % 2 == 1,
                     "weight has \(weight.columns) columns, expected an odd multiple of the character dimension \(dimension)")
        precondition(bias.rows == 1 && bias.columns == weight.rows,
                     "bias is \(bias.rows)×\(bias.columns), expected 1×\(weight.rows)")
        self.embedding = embedding
        self.weight = weight
        self.bias = bias
    }

    /// Visits `embedding.table`, `weight`, then `bias`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try embedding.visitParameters { try body("embedding." + $0, &$1) }
        try body("weight", &weight)
        try body("bias", &bias)
    }

    /// What the backward pass needs.
    package struct Cache: Sendable {
        /// All character ids of the batch, word after word (`N` of them).
        package let ids: [Int]
        /// The number of characters of each word.
        package let lengths: [Int]
        /// The im2col matrix `X`, `N × (k · D)`: row `i` is the window around character `i`.
        package let columns: Matrix
        /// For word `w` and filter `f`, at `w · F + f`: the row of `X` (the
        /// character of the batch) where `z_{·,f}` is largest within word `w`.
        package let argmax: [Int]
        /// The outputs `y`, `W × F`.
        package let output: Matrix
    }

    /// Encodes a batch of words, each a non-empty list of character ids.
    ///
    /// - Parameter words: the words' character ids.
    /// - Returns: one row per word, `W × F`, and the cache for ``backward(_:cache:)``.
    package func forward(_ words: [[Int]]) -> (output: Matrix, cache: Cache) {
        precondition(words.allSatisfy { !$0.isEmpty }, "every word needs at least one character")
        let ids = words.flatMap { $0 }
        let lengths = words.map(\.count)
        let columns = im2col(embedding(ids), lengths: lengths)
        var responses = Matrix(rows: ids.count, columns: filters)
        Linear(weight: weight, bias: bias).forward(columns, into: &responses)
        let (output, argmax) = pool(responses, lengths: lengths)
        return (output, Cache(ids: ids, lengths: lengths, columns: columns, argmax: argmax, output: output))
    }

    /// Backpropagates `∂L/∂y` (`W × F`) into a parameter gradient.
    ///
    /// - Parameters:
    ///   - outputGradient: `∂L/∂y`, one row per word.
    ///   - cache: the cache from ``forward(_:)``.
    /// - Returns: the gradient, a `CharacterCNN` of the same shapes.
    package func backward(_ outputGradient: Matrix, cache: Cache) -> CharacterCNN {
        let words = cache.lengths.count, filters = self.filters
        precondition(outputGradient.rows == words && outputGradient.columns == filters,
                     "output gradient is \(outputGradient.rows)×\(outputGradient.columns), expected \(words)×\(filters)")
        var responseGradient = Matrix(rows: cache.ids.count, columns: filters)
        for word in 0..<words {
            for filter in 0..<filters {
                let y = cache.output[word, filter]
                responseGradient[cache.argmax[word * filters + filter], filter] = outputGradient[word, filter] * (1 - y * y)
            }
        }
        let convolution = Linear(weight: weight, bias: bias)
        var convolutionGradient = convolution.zeroed
        var columnGradient = Matrix(rows: cache.ids.count, columns: weight.columns)
        convolution.backward(responseGradient, input: cache.columns, addingTo: &convolutionGradient, inputGradient: &columnGradient)
        var embeddingGradient = Embedding(table: Matrix(rows: embedding.count, columns: embedding.dimension))
        embedding.accumulateGradient(ids: cache.ids, outputGradient: col2im(columnGradient, lengths: cache.lengths), into: &embeddingGradient)
        return CharacterCNN(embedding: embeddingGradient, weight: convolutionGradient.weight, bias: convolutionGradient.bias)
    }

    /// The im2col matrix of the batch: row `i` is `[e_{i−p} … e_{i+p}]`
    /// within character `i`'s word, zero outside it.
    private func im2col(_ vectors: Matrix, lengths: [Int]) -> Matrix {
        let dimension = embedding.dimension, window = self.window, padding = (window - 1) / 2
        var columns = Matrix(rows: vectors.rows, columns: window * dimension)
        vectors.withUnsafeBufferPointer { source in
            columns.withUnsafeMutableBufferPointer { target in
                var start = 0
                for length in lengths {
                    for position in 0..<length {
                        let row = target.baseAddress! + (start + position) * window * dimension
                        for offset in 0..<window {
                            let character = position - padding + offset
                            guard character >= 0 && character < length else { continue }
                            (row + offset * dimension).update(from: source.baseAddress! + (start + character) * dimension, count: dimension)
                        }
                    }
                    start += length
                }
            }
        }
        return columns
    }

    /// The inverse routing of ``im2col(_:lengths:)``: sums each window slot's
    /// gradient back onto the character it was copied from (`N × D`).
    private func col2im(_ columnGradient: Matrix, lengths: [Int]) -> Matrix {
        let dimension = embedding.dimension, window = self.window, padding = (window - 1) / 2
        var vectorGradient = Matrix(rows: columnGradient.rows, columns: dimension)
        columnGradient.withUnsafeBufferPointer { source in
            vectorGradient.withUnsafeMutableBufferPointer { target in
                var start = 0
                for length in lengths {
                    for position in 0..<length {
                        let row = source.baseAddress! + (start + position) * window * dimension
                        for offset in 0..<window {
                            let character = position - padding + offset
                            guard character >= 0 && character < length else { continue }
                            Kernels.add(count: dimension, x: row + offset * dimension, y: target.baseAddress! + (start + character) * dimension)
                        }
                    }
                    start += length
                }
            }
        }
        return vectorGradient
    }

    /// Max-pools the responses `Z` (`N × F`) over each word's positions and
    /// applies tanh: the outputs `W × F` and the argmax rows (first on ties).
    private func pool(_ responses: Matrix, lengths: [Int]) -> (output: Matrix, argmax: [Int]) {
        let filters = self.filters
        var output = Matrix(rows: lengths.count, columns: filters)
        var argmax = [Int](repeating: 0, count: lengths.count * filters)
        var start = 0
        for (word, length) in lengths.enumerated() {
            for filter in 0..<filters {
                var best = start
                for row in start + 1 ..< start + length where responses[row, filter] > responses[best, filter] {
                    best = row
                }
                argmax[word * filters + filter] = best
                output[word, filter] = Kernels.tanh(responses[best, filter])
            }
            start += length
        }
        return (output, argmax)
    }
}
