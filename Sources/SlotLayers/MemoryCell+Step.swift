import SlotMath

extension MemoryCell {
    /// ```
    /// [i, (f,) g, o] = σ, (σ,) tanh, σ of the pre-activations (W_x·x_t + b) + W_h·h_{t−1}
    /// c_t = i ⊙ g + f ⊙ c_{t−1}      h_t = o ⊙ tanh(c_t)      (f = 1 − i when coupled)
    /// ```
    package static func forwardStep(_ rows: RecurrentForwardRows) {
        let size = rows.size, gate = rows.gates
        let candidate = gate + (gateCount - 2) * size, outputGate = gate + (gateCount - 1) * size
        let cell = rows.memory, cellTanh = rows.memory + size
        Kernels.sigmoid(count: (gateCount - 2) * size, gate)
        Kernels.tanh(count: size, candidate)
        Kernels.sigmoid(count: size, outputGate)
        for j in 0..<size { cell[j] = gate[j] * candidate[j] }
        if let previousCell = rows.previousMemory {
            if couplesForgetGate {
                for j in 0..<size { cell[j] += (1 - gate[j]) * previousCell[j] }
            } else {
                for j in 0..<size { cell[j] += gate[size + j] * previousCell[j] }
            }
        }
        cellTanh.update(from: cell, count: size)
        Kernels.tanh(count: size, cellTanh)
        for j in 0..<size { rows.state[j] = outputGate[j] * cellTanh[j] }
    }

    /// ```
    /// dc_t = dc + dh ⊙ o ⊙ (1 − tanh²(c_t))
    /// dâ_g = dc_t ⊙ i ⊙ (1 − g²)       dâ_o = dh ⊙ tanh(c_t) ⊙ o(1 − o)
    /// own forget gate:  dâ_i = dc_t ⊙ g ⊙ i(1 − i)              dâ_f = dc_t ⊙ c_{t−1} ⊙ f(1 − f)
    /// coupled, f = 1 − i:  dâ_i = dc_t ⊙ (g − c_{t−1}) ⊙ i(1 − i)
    /// dc_{t−1} = dc_t ⊙ f                                        (c_{t−1} = 0 at the first step)
    /// ```
    package static func backwardStep(_ rows: RecurrentBackwardRows) {
        let size = rows.size, gate = rows.gates, gradient = rows.inputSide
        let candidateOffset = (gateCount - 2) * size, outputOffset = (gateCount - 1) * size
        let cellTanh = rows.memory + size, previousCell = rows.previousMemory
        let dc = rows.memoryGradient
        for j in 0..<size {
            let inputGate = gate[j], candidate = gate[candidateOffset + j], outputGate = gate[outputOffset + j]
            let stateGradient = rows.stateGradient[j]
            let squashed = cellTanh[j]
            let cellGradient = dc[j] + stateGradient * outputGate * (1 - squashed * squashed)
            if couplesForgetGate {
                let added = candidate - (previousCell?[j] ?? 0)
                gradient[j] = cellGradient * added * inputGate * (1 - inputGate)
                dc[j] = cellGradient * (1 - inputGate)
            } else {
                let forgetGate = gate[size + j]
                gradient[j] = cellGradient * candidate * inputGate * (1 - inputGate)
                gradient[size + j] = (previousCell.map { cellGradient * $0[j] } ?? 0) * forgetGate * (1 - forgetGate)
                dc[j] = cellGradient * forgetGate
            }
            gradient[candidateOffset + j] = cellGradient * inputGate * (1 - candidate * candidate)
            gradient[outputOffset + j] = stateGradient * squashed * outputGate * (1 - outputGate)
        }
    }
}
