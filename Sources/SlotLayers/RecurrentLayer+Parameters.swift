import SlotMath

extension RecurrentLayer {
    /// Fresh packed parameters for a cell of ``gateCount`` gates: Glorot-uniform
    /// `inputWeight` (`G·H × D`, drawn first) and `recurrentWeight` (`G·H × H`),
    /// and a zero bias row (`1 × G·H`) whose block for gate `startingGate.index`
    /// (counted in the cell's gate order), if any, is set to `startingGate.value`.
    static func initialParameters(
        inputSize: Int, hiddenSize: Int, startingGate: (index: Int, value: Float)?, using generator: inout SplitMix64
    ) -> (inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix) {
        let gateSize = gateCount * hiddenSize
        let inputWeight = Matrix.glorot(rows: gateSize, columns: inputSize, using: &generator)
        let recurrentWeight = Matrix.glorot(rows: gateSize, columns: hiddenSize, using: &generator)
        var bias = Matrix(rows: 1, columns: gateSize)
        if let startingGate {
            for column in (startingGate.index * hiddenSize)..<((startingGate.index + 1) * hiddenSize) {
                bias[0, column] = startingGate.value
            }
        }
        return (inputWeight, recurrentWeight, bias)
    }

    /// Checks that packed parameters have the shapes of a cell of ``gateCount``
    /// gates: `G·H × D`, `G·H × H` and `1 × G·H`.
    static func checkShapes(inputWeight: Matrix, recurrentWeight: Matrix, bias: Matrix) {
        precondition(inputWeight.rows % gateCount == 0 && recurrentWeight.rows == inputWeight.rows
                     && recurrentWeight.columns * gateCount == recurrentWeight.rows
                     && bias.rows == 1 && bias.columns == inputWeight.rows,
                     "\(Self.self) parameter shapes disagree")
    }
}
