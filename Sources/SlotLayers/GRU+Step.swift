import SlotMath

extension GRU {
    /// Three gates: r, z, n.
    package static var gateCount: Int { 3 }
    /// One kept vector per token: `W_hn·h_{t−1} + b_hn`, what the reset gate scaled.
    package static var memoryCount: Int { 1 }
    /// `z ⊙ h_{t−1}` reaches `h_t` directly.
    package static var hasDirectStatePath: Bool { true }
    /// The reset gate scales the candidate's recurrent product.
    package static var hasSeparateRecurrentProduct: Bool { true }
    /// `[b_ir; b_iz; b_in; b_hn]`, `1 × 4H`.
    package var stepBias: Matrix { Matrix.concatenatingColumns(bias, recurrentBias) }

    /// The equations of the type's documentation, with `W_h·h_{t−1}` from the pass.
    package static func forwardStep(_ rows: RecurrentForwardRows) {
        guard let fromState = rows.recurrent else { preconditionFailure("a GRU keeps the recurrent product apart") }
        let size = rows.size, gate = rows.gates, bhn = rows.bias + 3 * size
        for j in 0..<2 * size { gate[j] += fromState[j] }
        Kernels.sigmoid(count: 2 * size, gate)
        for j in 0..<size {
            let scaled = fromState[2 * size + j] + bhn[j]
            rows.memory[j] = scaled
            gate[2 * size + j] += gate[j] * scaled
        }
        Kernels.tanh(count: size, gate + 2 * size)
        for j in 0..<size {
            let update = gate[size + j]
            rows.state[j] = (1 - update) * gate[2 * size + j] + update * rows.previousState[j]
        }
    }

    /// ```
    /// dn = dh ⊙ (1 − z)           dz = dh ⊙ (h_{t−1} − n)
    /// dâ_n = dn ⊙ (1 − n²)        dâ_z = dz ⊙ z(1 − z)
    /// dâ_r = dâ_n ⊙ (W_hn·h_{t−1} + b_hn) ⊙ r(1 − r)
    /// input side:     [dâ_r, dâ_z, dâ_n]      → W_i, b, x
    /// recurrent side: [dâ_r, dâ_z, dâ_n ⊙ r]  → W_h, b_hn, h_{t−1}
    /// dh_{t−1} = dh ⊙ z + W_hᵀ·(recurrent side)   (the second term added by the pass)
    /// ```
    package static func backwardStep(_ rows: RecurrentBackwardRows) {
        let size = rows.size, gate = rows.gates
        let toInput = rows.inputSide, toState = rows.recurrentSide
        for j in 0..<size {
            let reset = gate[j], update = gate[size + j], candidate = gate[2 * size + j]
            let stateGradient = rows.stateGradient[j]
            let candidateGradient = stateGradient * (1 - update) * (1 - candidate * candidate)
            let updateGradient = stateGradient * (rows.previousState[j] - candidate) * update * (1 - update)
            let resetGradient = candidateGradient * rows.memory[j] * reset * (1 - reset)
            toInput[j] = resetGradient
            toInput[size + j] = updateGradient
            toInput[2 * size + j] = candidateGradient
            toState[j] = resetGradient
            toState[size + j] = updateGradient
            toState[2 * size + j] = candidateGradient * reset
            rows.stateGradient[j] = stateGradient * update
        }
    }

    /// The gradient as a `GRU`: `∂loss/∂b_hn` sums the candidate block of the
    /// recurrent side over tokens (in packed order).
    package static func gradient(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix, recurrentSide: Matrix) -> GRU {
        let size = recurrentWeight.columns
        var recurrentBias = Matrix(rows: 1, columns: size)
        recurrentSide.withUnsafeBufferPointer { source in
            recurrentBias.withUnsafeMutableBufferPointer { target in
                for position in 0..<recurrentSide.rows {
                    Kernels.add(count: size, x: source.baseAddress! + position * 3 * size + 2 * size, y: target.baseAddress!)
                }
            }
        }
        return GRU(inputWeight: inputWeight, recurrentWeight: recurrentWeight, bias: bias, recurrentBias: recurrentBias)
    }
}
