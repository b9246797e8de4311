import SlotMath

extension LSTM {
    /// Backpropagation through time over a batch: walks the steps in reverse,
    /// hands each step's state gradient to the step before it, and accumulates
    /// the parameter gradients with one matrix product per weight at the end.
    ///
    /// - Parameters:
    ///   - outputGradient: `∂loss/∂h_t` for every token in token order, read from
    ///     columns `outputColumn ..< outputColumn + H`.
    ///   - finalGradient: optional `∂loss/∂h_final` per sequence (batch order),
    ///     read from columns `finalColumn ..< finalColumn + H`.
    ///   - cache: the forward pass's cache.
    ///   - inputGradient: `∂loss/∂x` is **added** to it (`N × D`), so that both
    ///     directions of a bidirectional layer accumulate into one matrix.
    /// - Returns: the gradient with respect to the parameters.
    package func backward(
        outputGradient: Matrix, outputColumn: Int,
        finalGradient: Matrix?, finalColumn: Int,
        cache: Cache, inputGradient: inout Matrix
    ) -> LSTM {
        let layout = cache.layout
        let count = layout.tokenCount
        let size = hiddenSize
        let gateSize = 4 * size
        precondition(inputGradient.rows == count && inputGradient.columns == inputSize, "input gradient has the wrong shape")
        var gateGradients = Matrix(rows: count, columns: gateSize)
        var hiddenCarry = Matrix(rows: layout.sequenceCount, columns: size)
        var cellCarry = Matrix(rows: layout.sequenceCount, columns: size)
        let outputStride = outputGradient.columns
        let rows = cache.rows

        outputGradient.withUnsafeBufferPointer { outputGradientBuffer in
        recurrentWeight.withUnsafeBufferPointer { weightBuffer in
        cache.gates.withUnsafeBufferPointer { gatesBuffer in
        cache.cells.withUnsafeBufferPointer { cellsBuffer in
        cache.cellTanh.withUnsafeBufferPointer { cellTanhBuffer in
        gateGradients.withUnsafeMutableBufferPointer { gateGradientBuffer in
        hiddenCarry.withUnsafeMutableBufferPointer { hiddenCarryBuffer in
        cellCarry.withUnsafeMutableBufferPointer { cellCarryBuffer in
            let dOut = outputGradientBuffer.baseAddress!, wh = weightBuffer.baseAddress!
            let g = gatesBuffer.baseAddress!, c = cellsBuffer.baseAddress!, tc = cellTanhBuffer.baseAddress!
            let dg = gateGradientBuffer.baseAddress!
            let dhCarry = hiddenCarryBuffer.baseAddress!, dcCarry = cellCarryBuffer.baseAddress!
            for step in stride(from: layout.stepCount - 1, through: 0, by: -1) {
                let active = layout.activeCounts[step]
                let start = layout.stepStarts[step]
                for rank in 0..<active {
                    let position = start + rank
                    let sequence = layout.order[rank]
                    let gate = g + position * gateSize, gradient = dg + position * gateSize
                    let cellT = tc + position * size
                    let previousCell: UnsafePointer<Float>? =
                        step > 0 ? c + (layout.stepStarts[step - 1] + rank) * size : nil
                    let upstream = dOut + rows[position] * outputStride + outputColumn
                    let dh = dhCarry + rank * size, dc = dcCarry + rank * size
                    if let finalGradient, step == layout.lengths[sequence] - 1 {
                        for j in 0..<size { dh[j] += finalGradient[sequence, finalColumn + j] }
                    }
                    for j in 0..<size {
                        let inputGate = gate[j], forgetGate = gate[size + j]
                        let candidate = gate[2 * size + j], outputGate = gate[3 * size + j]
                        let stateGradient = dh[j] + upstream[j]
                        let squashed = cellT[j]
                        let cellGradient = dc[j] + stateGradient * outputGate * (1 - squashed * squashed)
                        gradient[j] = cellGradient * candidate * inputGate * (1 - inputGate)
                        gradient[size + j] = (previousCell.map { cellGradient * $0[j] } ?? 0)
                            * forgetGate * (1 - forgetGate)
                        gradient[2 * size + j] = cellGradient * inputGate * (1 - candidate * candidate)
                        gradient[3 * size + j] = stateGradient * squashed * outputGate * (1 - outputGate)
                        dc[j] = cellGradient * forgetGate
                    }
                }
                if step > 0 {
                    GEMM.multiply(
                        transposeA: false, transposeB: false, m: active, n: size, k: gateSize,
                        alpha: 1, a: dg + start * gateSize, lda: gateSize, b: wh, ldb: size,
                        beta: 0, c: dhCarry, ldc: size)
                }
            }
        }}}}}}}}

        var gradient = LSTM(
            inputWeight: Matrix(rows: gateSize, columns: inputSize),
            recurrentWeight: Matrix(rows: gateSize, columns: size),
            bias: Matrix(rows: 1, columns: gateSize))
        Matrix.multiply(gateGradients, transposeA: true, cache.previousHidden, into: &gradient.recurrentWeight)
        var tokenOrderGradients = Matrix(rows: count, columns: gateSize)
        gateGradients.withUnsafeBufferPointer { source in
            tokenOrderGradients.withUnsafeMutableBufferPointer { target in
                gradient.bias.withUnsafeMutableBufferPointer { biasGradient in
                    for position in 0..<count {
                        let from = source.baseAddress! + position * gateSize
                        (target.baseAddress! + rows[position] * gateSize).update(from: from, count: gateSize)
                        Kernels.add(count: gateSize, x: from, y: biasGradient.baseAddress!)
                    }
                }
            }
        }
        Matrix.multiply(tokenOrderGradients, transposeA: true, cache.input, into: &gradient.inputWeight)
        Matrix.multiply(tokenOrderGradients, inputWeight, into: &inputGradient, beta: 1)
        return gradient
    }
}
