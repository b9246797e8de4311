import SlotMath

extension GRU {
    /// What the forward pass keeps for the backward pass, in packed order (see ``SequenceLayout``).
    package struct Cache: Sendable {
        /// The layout the pass ran over.
        package let layout: SequenceLayout
        /// Whether the sequences were read right to left.
        package let reversed: Bool
        /// The input, `N × D`, in token order.
        package let input: Matrix
        /// For each packed position, the token-order row it read.
        package let rows: [Int]
        /// Activated gates `[r, z, n]` per packed position, `N × 3H`.
        package let gates: Matrix
        /// `W_hn·h_{t−1} + b_hn` per packed position, `N × H`: what the reset gate scaled.
        package let recurrentCandidate: Matrix
        /// `h_{t−1}` per packed position (zero at the first step), `N × H`.
        package let previousHidden: Matrix
        /// `h_t` per packed position, `N × H`.
        package let hidden: Matrix

        /// The final state `h` of each sequence (batch order), `S × H`: the
        /// state after its last token (or after its first token when reversed).
        package var finalStates: Matrix {
            layout.finalStates(of: hidden)
        }
    }

    /// Runs the layer over a batch of sequences.
    ///
    /// One matrix product computes `W_i·x` for every token of the batch; then
    /// each time step advances all running sequences with one product by
    /// `W_hᵀ` into a workspace allocated once before the loop.
    /// - Parameters:
    ///   - input: the inputs, `N × D`, sequences one after another as `layout` says.
    ///   - layout: the batch's sequence lengths and packing.
    ///   - reversed: read each sequence right to left.
    ///   - output: receives `h_t` for every token in token order, in columns
    ///     `outputColumn ..< outputColumn + H` (a bidirectional layer writes both
    ///     directions into one matrix this way).
    ///   - outputColumn: the first column of `output` to write.
    /// - Returns: the cache for ``backward(outputGradient:outputColumn:finalGradient:finalColumn:cache:inputGradient:)``.
    package func forward(
        _ input: Matrix, layout: SequenceLayout, reversed: Bool,
        output: inout Matrix, outputColumn: Int
    ) -> Cache {
        let count = layout.tokenCount
        let size = hiddenSize
        let gateSize = 3 * size
        precondition(input.rows == count && input.columns == inputSize,
                     "GRU expects a \(count)×\(inputSize) input, got \(input.rows)×\(input.columns)")
        precondition(output.rows == count && outputColumn + size <= output.columns, "GRU output matrix too small")
        var inputGates = Matrix(rows: count, columns: gateSize)
        Matrix.multiply(input, inputWeight, transposeB: true, into: &inputGates)
        let rows = layout.packedRows(reversed: reversed)
        var gates = Matrix(rows: count, columns: gateSize)
        var recurrentCandidate = Matrix(rows: count, columns: size)
        var previousHidden = Matrix(rows: count, columns: size)
        var hidden = Matrix(rows: count, columns: size)
        var recurrentGates = Matrix(rows: layout.sequenceCount, columns: gateSize)
        let outputStride = output.columns

        inputGates.withUnsafeBufferPointer { inputGatesBuffer in
        bias.withUnsafeBufferPointer { biasBuffer in
        recurrentBias.withUnsafeBufferPointer { recurrentBiasBuffer in
        recurrentWeight.withUnsafeBufferPointer { weightBuffer in
        recurrentGates.withUnsafeMutableBufferPointer { recurrentGatesBuffer in
        gates.withUnsafeMutableBufferPointer { gatesBuffer in
        recurrentCandidate.withUnsafeMutableBufferPointer { candidateBuffer in
        previousHidden.withUnsafeMutableBufferPointer { previousBuffer in
        hidden.withUnsafeMutableBufferPointer { hiddenBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            let xg = inputGatesBuffer.baseAddress!, b = biasBuffer.baseAddress!, bhn = recurrentBiasBuffer.baseAddress!
            let wh = weightBuffer.baseAddress!, hg = recurrentGatesBuffer.baseAddress!
            let g = gatesBuffer.baseAddress!, hn = candidateBuffer.baseAddress!
            let hp = previousBuffer.baseAddress!, h = hiddenBuffer.baseAddress!, out = outputBuffer.baseAddress!
            for step in 0..<layout.stepCount {
                let active = layout.activeCounts[step]
                let start = layout.stepStarts[step]
                if step > 0 {
                    (hp + start * size).update(from: h + layout.stepStarts[step - 1] * size, count: active * size)
                    GEMM.multiply(
                        transposeA: false, transposeB: true, m: active, n: gateSize, k: size,
                        alpha: 1, a: hp + start * size, lda: size, b: wh, ldb: size,
                        beta: 0, c: hg, ldc: gateSize)
                } else {
                    hg.update(repeating: 0, count: active * gateSize)
                }
                for rank in 0..<active {
                    let position = start + rank
                    let fromInput = xg + rows[position] * gateSize, fromState = hg + rank * gateSize
                    let gate = g + position * gateSize, candidateState = hn + position * size
                    let previous = hp + position * size, state = h + position * size
                    let target = out + rows[position] * outputStride + outputColumn
                    for j in 0..<2 * size { gate[j] = fromInput[j] + b[j] + fromState[j] }
                    Kernels.sigmoid(count: 2 * size, gate)
                    for j in 0..<size {
                        let scaled = fromState[2 * size + j] + bhn[j]
                        candidateState[j] = scaled
                        gate[2 * size + j] = fromInput[2 * size + j] + b[2 * size + j] + gate[j] * scaled
                    }
                    Kernels.tanh(count: size, gate + 2 * size)
                    for j in 0..<size {
                        let update = gate[size + j]
                        let next = (1 - update) * gate[2 * size + j] + update * previous[j]
                        state[j] = next
                        target[j] = next
                    }
                }
            }
        }}}}}}}}}}
        return Cache(
            layout: layout, reversed: reversed, input: input, rows: rows, gates: gates,
            recurrentCandidate: recurrentCandidate, previousHidden: previousHidden, hidden: hidden)
    }
}
