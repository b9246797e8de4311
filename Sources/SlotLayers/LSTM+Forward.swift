import SlotMath

extension LSTM {
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
        /// Activated gates `[i, f, g, o]` per packed position, `N × 4H`.
        package let gates: Matrix
        /// Memory `c_t` per packed position, `N × H`.
        package let cells: Matrix
        /// `tanh(c_t)` per packed position, `N × H`.
        package let cellTanh: Matrix
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
    /// One matrix product computes `Wx·x` for every token of the batch; then each
    /// time step advances all running sequences with one product by `Whᵀ`.
    /// - Parameters:
    ///   - input: the inputs, `N × D`, sequences one after another as `layout` says.
    ///   - layout: the batch's sequence lengths and packing.
    ///   - reversed: read each sequence right to left.
    ///   - output: receives `h_t` for every token in token order, in columns
    ///     `outputColumn ..< outputColumn + H` (a bidirectional layer writes both
    ///     directions into one matrix this way).
    /// - Returns: the cache for ``backward(outputGradient:outputColumn:finalGradient:finalColumn:cache:inputGradient:)``.
    package func forward(
        _ input: Matrix, layout: SequenceLayout, reversed: Bool,
        output: inout Matrix, outputColumn: Int
    ) -> Cache {
        let count = layout.tokenCount
        let size = hiddenSize
        let gateSize = 4 * size
        precondition(input.rows == count && input.columns == inputSize,
                     "LSTM expects a \(count)×\(inputSize) input, got \(input.rows)×\(input.columns)")
        precondition(output.rows == count && outputColumn + size <= output.columns, "LSTM output matrix too small")
        var inputGates = Matrix(rows: count, columns: gateSize)
        Matrix.multiply(input, inputWeight, transposeB: true, into: &inputGates)
        let rows = layout.packedRows(reversed: reversed)
        var gates = Matrix(rows: count, columns: gateSize)
        var cells = Matrix(rows: count, columns: size)
        var cellTanh = Matrix(rows: count, columns: size)
        var previousHidden = Matrix(rows: count, columns: size)
        var hidden = Matrix(rows: count, columns: size)
        let outputStride = output.columns

        inputGates.withUnsafeBufferPointer { inputGatesBuffer in
        bias.withUnsafeBufferPointer { biasBuffer in
        recurrentWeight.withUnsafeBufferPointer { weightBuffer in
        gates.withUnsafeMutableBufferPointer { gatesBuffer in
        cells.withUnsafeMutableBufferPointer { cellsBuffer in
        cellTanh.withUnsafeMutableBufferPointer { cellTanhBuffer in
        previousHidden.withUnsafeMutableBufferPointer { previousBuffer in
        hidden.withUnsafeMutableBufferPointer { hiddenBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            let xg = inputGatesBuffer.baseAddress!, b = biasBuffer.baseAddress!
            let wh = weightBuffer.baseAddress!
            let g = gatesBuffer.baseAddress!, c = cellsBuffer.baseAddress!, tc = cellTanhBuffer.baseAddress!
            let hp = previousBuffer.baseAddress!, h = hiddenBuffer.baseAddress!, out = outputBuffer.baseAddress!
            for step in 0..<layout.stepCount {
                let active = layout.activeCounts[step]
                let start = layout.stepStarts[step]
                for rank in 0..<active {
                    let target = g + (start + rank) * gateSize
                    let source = xg + rows[start + rank] * gateSize
                    for j in 0..<gateSize { target[j] = source[j] + b[j] }
                }
                if step > 0 {
                    let previousStart = layout.stepStarts[step - 1]
                    (hp + start * size).update(from: h + previousStart * size, count: active * size)
                    GEMM.multiply(
                        transposeA: false, transposeB: true, m: active, n: gateSize, k: size,
                        alpha: 1, a: hp + start * size, lda: size, b: wh, ldb: size,
                        beta: 1, c: g + start * gateSize, ldc: gateSize)
                }
                for rank in 0..<active {
                    let position = start + rank
                    let gate = g + position * gateSize
                    let cell = c + position * size, cellT = tc + position * size, state = h + position * size
                    let previousCell: UnsafeMutablePointer<Float>? =
                        step > 0 ? c + (layout.stepStarts[step - 1] + rank) * size : nil
                    let target = out + rows[position] * outputStride + outputColumn
                    Kernels.sigmoid(count: 2 * size, gate)
                    Kernels.tanh(count: size, gate + 2 * size)
                    Kernels.sigmoid(count: size, gate + 3 * size)
                    for j in 0..<size { cell[j] = gate[j] * gate[2 * size + j] }
                    if let previousCell {
                        for j in 0..<size { cell[j] += gate[size + j] * previousCell[j] }
                    }
                    cellT.update(from: cell, count: size)
                    Kernels.tanh(count: size, cellT)
                    for j in 0..<size {
                        let value = gate[3 * size + j] * cellT[j]
                        state[j] = value
                        target[j] = value
                    }
                }
            }
        }}}}}}}}}
        return Cache(
            layout: layout, reversed: reversed, input: input, rows: rows, gates: gates, cells: cells,
            cellTanh: cellTanh, previousHidden: previousHidden, hidden: hidden)
    }
}
