import SlotMath

extension RecurrentLayer {
    /// Runs the layer over a batch of sequences.
    ///
    /// One matrix product computes `W_x·x` for every token of the batch
    /// (``inputProjection(_:strategy:)``); then each time step advances all
    /// running sequences with one product by `W_hᵀ`, added to the step's
    /// pre-activations `W_x·x_t + b` (or, for a cell that keeps the recurrent
    /// product apart, into a workspace allocated once before the loop), and the
    /// cell's ``forwardStep(_:)`` finishes each token.
    /// - Parameters:
    ///   - input: the inputs, `N × D`, sequences one after another as `layout` says.
    ///   - layout: the batch's sequence lengths and packing.
    ///   - reversed: read each sequence right to left.
    ///   - output: receives `h_t` for every token in token order, in columns
    ///     `outputColumn ..< outputColumn + H` (a bidirectional layer writes both
    ///     directions into one matrix this way).
    ///   - outputColumn: the first column of `output` to write.
    ///   - strategy: how the matrix products are computed (``GEMM/Strategy``):
    ///     BLAS for training, the direct kernel at inference.
    /// - Returns: the cache for ``backward(outputGradient:outputColumn:finalGradient:finalColumn:cache:inputGradient:)``.
    package func forward(
        _ input: Matrix, layout: SequenceLayout, reversed: Bool,
        output: inout Matrix, outputColumn: Int, strategy: GEMM.Strategy = .blas
    ) -> RecurrentCache {
        precondition(input.rows == layout.tokenCount && input.columns == inputSize,
                     "\(Self.self) expects a \(layout.tokenCount)×\(inputSize) input, got \(input.rows)×\(input.columns)")
        let states = advance(
            inputProjection(input, strategy: strategy), layout: layout, reversed: reversed,
            output: &output, outputColumn: outputColumn, strategy: strategy)
        return RecurrentCache(
            layout: layout, reversed: reversed, input: input, rows: states.rows, gates: states.gates,
            memory: states.memory, previousHidden: states.previousHidden, hidden: states.hidden)
    }

    /// `x·W_xᵀ` for every row `x` of `input` (`N × D`): the layer's
    /// pre-activations before the bias and the recurrent product, `N × G·H`.
    /// With the direct kernel each row is a function of that input row alone,
    /// so a row computed once can stand for the same input in any later batch.
    package func inputProjection(_ input: Matrix, strategy: GEMM.Strategy = .blas) -> Matrix {
        var projection = Matrix(rows: input.rows, columns: Self.gateCount * hiddenSize)
        Matrix.multiply(input, inputWeight, transposeB: true, into: &projection, strategy: strategy)
        return projection
    }

    /// Runs the layer at inference over inputs already projected by
    /// ``inputProjection(_:strategy:)`` (`N × G·H`, token order), writing `h_t`
    /// into `output` as ``forward(_:layout:reversed:output:outputColumn:strategy:)``
    /// does, and keeping nothing for a backward pass.
    package func forward(
        projection: Matrix, layout: SequenceLayout, reversed: Bool,
        output: inout Matrix, outputColumn: Int, strategy: GEMM.Strategy
    ) {
        _ = advance(projection, layout: layout, reversed: reversed, output: &output, outputColumn: outputColumn, strategy: strategy)
    }

    /// The time loop over projected inputs: what a forward pass computes
    /// beside the output, for the cache.
    private func advance(
        _ inputGates: Matrix, layout: SequenceLayout, reversed: Bool,
        output: inout Matrix, outputColumn: Int, strategy: GEMM.Strategy
    ) -> (rows: [Int], gates: Matrix, memory: Matrix, previousHidden: Matrix, hidden: Matrix) {
        let count = layout.tokenCount
        let size = hiddenSize
        let gateSize = Self.gateCount * size, memorySize = Self.memoryCount * size
        precondition(inputGates.rows == count && inputGates.columns == gateSize,
                     "\(Self.self) expects \(count)×\(gateSize) projected inputs, got \(inputGates.rows)×\(inputGates.columns)")
        precondition(output.rows == count && outputColumn + size <= output.columns, "\(Self.self) output matrix too small")
        let rows = layout.packedRows(reversed: reversed)
        var gates = Matrix(rows: count, columns: gateSize)
        var memory = Matrix(rows: count, columns: memorySize)
        var previousHidden = Matrix(rows: count, columns: size)
        var hidden = Matrix(rows: count, columns: size)
        // Only for a cell that keeps the recurrent product apart; empty (no pointer) otherwise.
        var recurrentGates = Matrix(rows: Self.hasSeparateRecurrentProduct ? layout.sequenceCount : 0, columns: gateSize)
        let bias = stepBias
        let outputStride = output.columns
        // W_hᵀ for one row times a matrix when the tagger kept it; W_h for dot products otherwise.
        let transposed = strategy == .direct ? recurrentWeightTransposed : nil
        let stepWeight = transposed ?? recurrentWeight

        // The one place where a recurrent pass holds pointers: every buffer is
        // opened once for the whole walk over time steps. (Spans would need
        // `Matrix` to return `Span`/`MutableSpan` from an accessor, which Swift 6.3
        // allows only with the experimental `Lifetimes` feature; BLAS and the
        // SIMD kernels take pointers anyway.)
        inputGates.withUnsafeBufferPointer { inputGatesBuffer in
        bias.withUnsafeBufferPointer { biasBuffer in
        stepWeight.withUnsafeBufferPointer { weightBuffer in
        recurrentGates.withUnsafeMutableBufferPointer { recurrentGatesBuffer in
        gates.withUnsafeMutableBufferPointer { gatesBuffer in
        memory.withUnsafeMutableBufferPointer { memoryBuffer in
        previousHidden.withUnsafeMutableBufferPointer { previousBuffer in
        hidden.withUnsafeMutableBufferPointer { hiddenBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            let xg = inputGatesBuffer.baseAddress!, b = biasBuffer.baseAddress!
            let wh = weightBuffer.baseAddress!
            let hg = Self.hasSeparateRecurrentProduct ? recurrentGatesBuffer.baseAddress! : nil
            let g = gatesBuffer.baseAddress!, m = memoryBuffer.baseAddress!
            let hp = previousBuffer.baseAddress!, h = hiddenBuffer.baseAddress!, out = outputBuffer.baseAddress!
            for step in 0..<layout.stepCount {
                let active = layout.activeCounts[step]
                let start = layout.stepStarts[step]
                let previousStart = step > 0 ? layout.stepStarts[step - 1] : 0
                for rank in 0..<active {
                    let target = g + (start + rank) * gateSize, source = xg + rows[start + rank] * gateSize
                    for j in 0..<gateSize { target[j] = source[j] + b[j] }
                }
                if step > 0 {
                    (hp + start * size).update(from: h + previousStart * size, count: active * size)
                    // Into the pre-activations, or apart into the workspace.
                    if transposed != nil {
                        GEMM.multiplyDirect(
                            m: active, n: gateSize, k: size, a: hp + start * size, lda: size, transposedB: wh,
                            ldb: gateSize, accumulate: hg == nil, c: hg ?? g + start * gateSize, ldc: gateSize)
                    } else {
                        GEMM.multiply(
                            transposeA: false, transposeB: true, m: active, n: gateSize, k: size,
                            alpha: 1, a: hp + start * size, lda: size, b: wh, ldb: size,
                            beta: hg == nil ? 1 : 0, c: hg ?? g + start * gateSize, ldc: gateSize, strategy: strategy)
                    }
                } else {
                    hg?.update(repeating: 0, count: active * gateSize)
                }
                for rank in 0..<active {
                    let position = start + rank
                    let state = h + position * size
                    Self.forwardStep(RecurrentForwardRows(
                        size: size, gates: g + position * gateSize,
                        recurrent: hg.map { UnsafePointer($0 + rank * gateSize) }, bias: b,
                        memory: m + position * memorySize,
                        previousMemory: step > 0 ? m + (previousStart + rank) * memorySize : nil,
                        previousState: hp + position * size, state: state))
                    (out + rows[position] * outputStride + outputColumn).update(from: state, count: size)
                }
            }
        }}}}}}}}}
        return (rows, gates, memory, previousHidden, hidden)
    }
}
