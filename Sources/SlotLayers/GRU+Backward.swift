import SlotMath

extension GRU {
    /// Backpropagation through time over a batch: walks the steps in reverse,
    /// hands each step's state gradient to the step before it (directly through
    /// `z ⊙ h_{t−1}` and through one product by `W_h` for all running
    /// sequences), and accumulates the parameter gradients with one matrix
    /// product per weight at the end.
    ///
    /// ```
    /// dn = dh ⊙ (1 − z)           dz = dh ⊙ (h_{t−1} − n)
    /// dâ_n = dn ⊙ (1 − n²)        dâ_z = dz ⊙ z(1 − z)
    /// dâ_r = dâ_n ⊙ (W_hn·h_{t−1} + b_hn) ⊙ r(1 − r)
    /// input side:     [dâ_r, dâ_z, dâ_n]      → W_i, b, x
    /// recurrent side: [dâ_r, dâ_z, dâ_n ⊙ r]  → W_h, b_hn, h_{t−1}
    /// dh_{t−1} = dh ⊙ z + W_hᵀ·(recurrent side)
    /// ```
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
        cache: Cache, inputGradient: inout Matrix
    ) -> GRU {
        let layout = cache.layout
        let count = layout.tokenCount
        let size = hiddenSize
        let gateSize = 3 * size
        precondition(inputGradient.rows == count && inputGradient.columns == inputSize, "input gradient has the wrong shape")
        precondition(outputGradient.rows == count && outputColumn + size <= outputGradient.columns,
                     "output gradient has the wrong shape")
        var inputSide = Matrix(rows: count, columns: gateSize)
        var recurrentSide = Matrix(rows: count, columns: gateSize)
        var hiddenCarry = Matrix(rows: layout.sequenceCount, columns: size)
        let outputStride = outputGradient.columns
        let rows = cache.rows

        outputGradient.withUnsafeBufferPointer { outputGradientBuffer in
        recurrentWeight.withUnsafeBufferPointer { weightBuffer in
        cache.gates.withUnsafeBufferPointer { gatesBuffer in
        cache.recurrentCandidate.withUnsafeBufferPointer { candidateBuffer in
        cache.previousHidden.withUnsafeBufferPointer { previousBuffer in
        inputSide.withUnsafeMutableBufferPointer { inputSideBuffer in
        recurrentSide.withUnsafeMutableBufferPointer { recurrentSideBuffer in
        hiddenCarry.withUnsafeMutableBufferPointer { hiddenCarryBuffer in
            let dOut = outputGradientBuffer.baseAddress!, wh = weightBuffer.baseAddress!
            let g = gatesBuffer.baseAddress!, hn = candidateBuffer.baseAddress!, hp = previousBuffer.baseAddress!
            let di = inputSideBuffer.baseAddress!, dr = recurrentSideBuffer.baseAddress!
            let dhCarry = hiddenCarryBuffer.baseAddress!
            for step in stride(from: layout.stepCount - 1, through: 0, by: -1) {
                let active = layout.activeCounts[step]
                let start = layout.stepStarts[step]
                for rank in 0..<active {
                    let position = start + rank
                    let sequence = layout.order[rank]
                    let gate = g + position * gateSize, candidateState = hn + position * size
                    let previous = hp + position * size
                    let toInput = di + position * gateSize, toState = dr + position * gateSize
                    let upstream = dOut + rows[position] * outputStride + outputColumn
                    let dh = dhCarry + rank * size
                    if let finalGradient, step == layout.lengths[sequence] - 1 {
                        for j in 0..<size { dh[j] += finalGradient[sequence, finalColumn + j] }
                    }
                    for j in 0..<size {
                        let reset = gate[j], update = gate[size + j], candidate = gate[2 * size + j]
                        let stateGradient = dh[j] + upstream[j]
                        let candidateGradient = stateGradient * (1 - update) * (1 - candidate * candidate)
                        let updateGradient = stateGradient * (previous[j] - candidate) * update * (1 - update)
                        let resetGradient = candidateGradient * candidateState[j] * reset * (1 - reset)
                        toInput[j] = resetGradient
                        toInput[size + j] = updateGradient
                        toInput[2 * size + j] = candidateGradient
                        toState[j] = resetGradient
                        toState[size + j] = updateGradient
                        toState[2 * size + j] = candidateGradient * reset
                        dh[j] = stateGradient * update
                    }
                }
                if step > 0 {
                    GEMM.multiply(
                        transposeA: false, transposeB: false, m: active, n: size, k: gateSize,
                        alpha: 1, a: dr + start * gateSize, lda: gateSize, b: wh, ldb: size,
                        beta: 1, c: dhCarry, ldc: size)
                }
            }
        }}}}}}}}

        var gradient = GRU(
            inputWeight: Matrix(rows: gateSize, columns: inputSize),
            recurrentWeight: Matrix(rows: gateSize, columns: size),
            bias: Matrix(rows: 1, columns: gateSize),
            recurrentBias: Matrix(rows: 1, columns: size))
        Matrix.multiply(recurrentSide, transposeA: true, cache.previousHidden, into: &gradient.recurrentWeight)
        var tokenOrderGradients = Matrix(rows: count, columns: gateSize)
        inputSide.withUnsafeBufferPointer { source in
        recurrentSide.withUnsafeBufferPointer { recurrentSource in
        tokenOrderGradients.withUnsafeMutableBufferPointer { target in
        gradient.bias.withUnsafeMutableBufferPointer { biasGradient in
        gradient.recurrentBias.withUnsafeMutableBufferPointer { recurrentBiasGradient in
            for position in 0..<count {
                let from = source.baseAddress! + position * gateSize
                (target.baseAddress! + rows[position] * gateSize).update(from: from, count: gateSize)
                Kernels.add(count: gateSize, x: from, y: biasGradient.baseAddress!)
                Kernels.add(count: size, x: recurrentSource.baseAddress! + position * gateSize + 2 * size,
                            y: recurrentBiasGradient.baseAddress!)
            }
        }}}}}
        Matrix.multiply(tokenOrderGradients, transposeA: true, cache.input, into: &gradient.inputWeight)
        Matrix.multiply(tokenOrderGradients, inputWeight, into: &inputGradient, beta: 1)
        return gradient
    }
}
