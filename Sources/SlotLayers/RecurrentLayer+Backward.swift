import SlotMath

extension RecurrentLayer {
    /// Backpropagation through time over a batch: walks the steps in reverse,
    /// lets the cell's ``backwardStep(_:)`` turn each token's state gradient
    /// into gate gradients, hands the state gradient to the step before through
    /// one product by `W_h` for all running sequences (plus the cell's direct
    /// path, if any), and accumulates the parameter gradients with one matrix
    /// product per weight at the end.
    ///
    /// - Parameters:
    ///   - outputGradient: `∂loss/∂h_t` for every token in token order, read from
    ///     columns `outputColumn ..< outputColumn + H`.
    ///   - outputColumn: the first column of `outputGradient` to read.
    ///   - finalGradient: optional `∂loss/∂h_final` per sequence (batch order),
    ///     read from columns `finalColumn ..< finalColumn + H`.
    ///   - finalColumn: the first column of `finalGradient` to read.
    ///   - cache: the forward pass's cache.
    ///   - inputGradient: `∂loss/∂x` is **added** to it (`N × D`), so that both
    ///     directions of a bidirectional layer accumulate into one matrix.
    /// - Returns: the gradient with respect to the parameters.
    package func backward(
        outputGradient: Matrix, outputColumn: Int,
        finalGradient: Matrix?, finalColumn: Int,
        cache: RecurrentCache, inputGradient: inout Matrix
    ) -> Self {
        let layout = cache.layout
        let count = layout.tokenCount
        let size = hiddenSize
        let gateSize = Self.gateCount * size, memorySize = Self.memoryCount * size
        precondition(inputGradient.rows == count && inputGradient.columns == inputSize, "input gradient has the wrong shape")
        precondition(outputGradient.rows == count && outputColumn + size <= outputGradient.columns,
                     "output gradient has the wrong shape")
        var inputSide = Matrix(rows: count, columns: gateSize)
        var recurrentSide = Matrix(rows: Self.hasSeparateRecurrentProduct ? count : 0, columns: gateSize)
        var stateCarry = Matrix(rows: layout.sequenceCount, columns: size)
        var memoryCarry = Matrix(rows: layout.sequenceCount, columns: size)
        let outputStride = outputGradient.columns
        let rows = cache.rows

        // The one place where a recurrent backward pass holds pointers.
        outputGradient.withUnsafeBufferPointer { outputGradientBuffer in
        recurrentWeight.withUnsafeBufferPointer { weightBuffer in
        cache.gates.withUnsafeBufferPointer { gatesBuffer in
        cache.memory.withUnsafeBufferPointer { memoryBuffer in
        cache.previousHidden.withUnsafeBufferPointer { previousBuffer in
        inputSide.withUnsafeMutableBufferPointer { inputSideBuffer in
        recurrentSide.withUnsafeMutableBufferPointer { recurrentSideBuffer in
        stateCarry.withUnsafeMutableBufferPointer { stateCarryBuffer in
        memoryCarry.withUnsafeMutableBufferPointer { memoryCarryBuffer in
            let dOut = outputGradientBuffer.baseAddress!, wh = weightBuffer.baseAddress!
            let g = gatesBuffer.baseAddress!, m = memoryBuffer.baseAddress!, hp = previousBuffer.baseAddress!
            let di = inputSideBuffer.baseAddress!
            let dr = Self.hasSeparateRecurrentProduct ? recurrentSideBuffer.baseAddress! : di
            let dh = stateCarryBuffer.baseAddress!, dm = memoryCarryBuffer.baseAddress!
            for step in stride(from: layout.stepCount - 1, through: 0, by: -1) {
                let active = layout.activeCounts[step]
                let start = layout.stepStarts[step]
                for rank in 0..<active {
                    let position = start + rank
                    let sequence = layout.order[rank]
                    let stateGradient = dh + rank * size
                    if let finalGradient, step == layout.lengths[sequence] - 1 {
                        for j in 0..<size { stateGradient[j] += finalGradient[sequence, finalColumn + j] }
                    }
                    Kernels.add(count: size, x: dOut + rows[position] * outputStride + outputColumn, y: stateGradient)
                    Self.backwardStep(RecurrentBackwardRows(
                        size: size, gates: g + position * gateSize, memory: m + position * memorySize,
                        previousMemory: step > 0 ? m + (layout.stepStarts[step - 1] + rank) * memorySize : nil,
                        previousState: hp + position * size, stateGradient: stateGradient,
                        memoryGradient: dm + rank * size,
                        inputSide: di + position * gateSize, recurrentSide: dr + position * gateSize))
                }
                if step > 0 {
                    GEMM.multiply(
                        transposeA: false, transposeB: false, m: active, n: size, k: gateSize,
                        alpha: 1, a: dr + start * gateSize, lda: gateSize, b: wh, ldb: size,
                        beta: Self.hasDirectStatePath ? 1 : 0, c: dh, ldc: size)
                }
            }
        }}}}}}}}}

        var recurrentWeightGradient = Matrix(rows: gateSize, columns: size)
        Matrix.multiply(
            Self.hasSeparateRecurrentProduct ? recurrentSide : inputSide, transposeA: true, cache.previousHidden,
            into: &recurrentWeightGradient)
        var tokenOrderGradients = Matrix(rows: count, columns: gateSize)
        var biasGradient = Matrix(rows: 1, columns: gateSize)
        inputSide.withUnsafeBufferPointer { source in
        tokenOrderGradients.withUnsafeMutableBufferPointer { target in
        biasGradient.withUnsafeMutableBufferPointer { bias in
            for position in 0..<count {
                let from = source.baseAddress! + position * gateSize
                (target.baseAddress! + rows[position] * gateSize).update(from: from, count: gateSize)
                Kernels.add(count: gateSize, x: from, y: bias.baseAddress!)
            }
        }}}
        var inputWeightGradient = Matrix(rows: gateSize, columns: inputSize)
        Matrix.multiply(tokenOrderGradients, transposeA: true, cache.input, into: &inputWeightGradient)
        Matrix.multiply(tokenOrderGradients, inputWeight, into: &inputGradient, beta: 1)
        return Self.gradient(
            inputWeight: inputWeightGradient, recurrentWeight: recurrentWeightGradient, bias: biasGradient,
            recurrentSide: recurrentSide)
    }
}
