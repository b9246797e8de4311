import SlotMath

/// A bidirectional LSTM, the encoder of the default architecture.
package typealias BiLSTM = Bidirectional<LSTM>

/// A bidirectional GRU, the lighter alternative encoder.
package typealias BiGRU = Bidirectional<GRU>

/// A bidirectional LSTM with coupled input and forget gates.
package typealias BiCIFG = Bidirectional<CIFG>

/// Two recurrent layers over the same sequences, one left to right and one
/// right to left, whose outputs are concatenated at every token: `N × 2H`,
/// columns `0 ..< H` from the left-to-right reader and `H ..< 2H` from the other.
///
/// The sentence vector of a bidirectional layer is its pair of final states:
/// the left-to-right state after the last token and the right-to-left state
/// after the first token (see ``finalStates(_:)``).
package struct Bidirectional<Cell: RecurrentLayer>: ParameterSet {
    /// The layer that reads each sequence left to right.
    package var leftToRight: Cell
    /// The layer that reads each sequence right to left.
    package var rightToLeft: Cell

    /// The size of each direction's state, H.
    package var hiddenSize: Int { leftToRight.hiddenSize }
    /// The size of each input vector, D.
    package var inputSize: Int { leftToRight.inputSize }
    /// The size of each output vector, 2H.
    package var outputSize: Int { 2 * hiddenSize }

    /// Creates a layer with freshly initialised directions.
    package init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        leftToRight = Cell(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        rightToLeft = Cell(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
    }

    /// Creates a layer from its two directions.
    package init(leftToRight: Cell, rightToLeft: Cell) {
        precondition(leftToRight.inputSize == rightToLeft.inputSize && leftToRight.hiddenSize == rightToLeft.hiddenSize,
                     "both directions of a bidirectional layer need the same sizes")
        self.leftToRight = leftToRight
        self.rightToLeft = rightToLeft
    }

    /// Keeps both directions' weights laid out for inference (``RecurrentLayer/prepareForInference()``).
    package mutating func prepareForInference() {
        leftToRight.prepareForInference()
        rightToLeft.prepareForInference()
    }

    /// Visits `leftToRight.*` then `rightToLeft.*`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try leftToRight.visitParameters { try body("leftToRight." + $0, &$1) }
        try rightToLeft.visitParameters { try body("rightToLeft." + $0, &$1) }
    }

    /// The forward pass's caches of both directions.
    package struct Cache: Sendable {
        /// The left-to-right pass.
        package let leftToRight: RecurrentCache
        /// The right-to-left pass.
        package let rightToLeft: RecurrentCache
        /// The layout the passes ran over.
        package let layout: SequenceLayout
    }

    /// Runs both directions over a batch.
    /// - Parameters:
    ///   - input: `N × D`, sequences one after another as `layout` says.
    ///   - layout: the batch's sequence lengths.
    ///   - strategy: how the matrix products are computed (``GEMM/Strategy``).
    /// - Returns: the outputs `N × 2H` in token order, and the cache for the backward pass.
    package func forward(
        _ input: Matrix, layout: SequenceLayout, strategy: GEMM.Strategy = .blas
    ) -> (output: Matrix, cache: Cache) {
        var output = Matrix(rows: layout.tokenCount, columns: outputSize)
        let first = leftToRight.forward(
            input, layout: layout, reversed: false, output: &output, outputColumn: 0, strategy: strategy)
        let second = rightToLeft.forward(
            input, layout: layout, reversed: true, output: &output, outputColumn: hiddenSize, strategy: strategy)
        return (output, Cache(leftToRight: first, rightToLeft: second, layout: layout))
    }

    /// Each direction's input projection (``RecurrentLayer/inputProjection(_:strategy:)``)
    /// of `input` (`N × D`): two `N × G·H` matrices.
    package func inputProjections(_ input: Matrix, strategy: GEMM.Strategy) -> ProjectedInputs {
        ProjectedInputs(
            leftToRight: leftToRight.inputProjection(input, strategy: strategy),
            rightToLeft: rightToLeft.inputProjection(input, strategy: strategy))
    }

    /// Runs both directions at inference over inputs already projected by
    /// ``inputProjections(_:strategy:)``: the outputs `N × 2H` in token order,
    /// the same bits as ``forward(_:layout:strategy:)`` on the inputs themselves.
    package func forward(projections: ProjectedInputs, layout: SequenceLayout, strategy: GEMM.Strategy) -> Matrix {
        var output = Matrix(rows: layout.tokenCount, columns: outputSize)
        leftToRight.forward(
            projection: projections.leftToRight, layout: layout, reversed: false, output: &output, outputColumn: 0,
            strategy: strategy)
        rightToLeft.forward(
            projection: projections.rightToLeft, layout: layout, reversed: true, output: &output,
            outputColumn: hiddenSize, strategy: strategy)
        return output
    }

    /// The final states of each sequence (batch order), `S × 2H`: the
    /// left-to-right state after the last token, then the right-to-left state
    /// after the first token.
    package func finalStates(_ cache: Cache) -> Matrix {
        let first = Cell.finalStates(cache.leftToRight), second = Cell.finalStates(cache.rightToLeft)
        var result = Matrix(rows: first.rows, columns: outputSize)
        for row in 0..<first.rows {
            for column in 0..<hiddenSize {
                result[row, column] = first[row, column]
                result[row, hiddenSize + column] = second[row, column]
            }
        }
        return result
    }

    /// Backpropagates through both directions.
    /// - Parameters:
    ///   - outputGradient: `∂loss/∂output`, `N × 2H`.
    ///   - finalGradient: optional `∂loss/∂finalStates`, `S × 2H`.
    ///   - cache: the forward pass's cache.
    /// - Returns: `∂loss/∂input` (`N × D`) and the parameter gradient.
    package func backward(outputGradient: Matrix, finalGradient: Matrix? = nil, cache: Cache) -> (inputGradient: Matrix, gradient: Self) {
        var inputGradient = Matrix(rows: cache.layout.tokenCount, columns: inputSize)
        let first = leftToRight.backward(
            outputGradient: outputGradient, outputColumn: 0, finalGradient: finalGradient, finalColumn: 0,
            cache: cache.leftToRight, inputGradient: &inputGradient)
        let second = rightToLeft.backward(
            outputGradient: outputGradient, outputColumn: hiddenSize, finalGradient: finalGradient, finalColumn: hiddenSize,
            cache: cache.rightToLeft, inputGradient: &inputGradient)
        return (inputGradient, Bidirectional(leftToRight: first, rightToLeft: second))
    }
}
