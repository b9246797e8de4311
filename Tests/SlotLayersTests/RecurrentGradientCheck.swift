import SlotLayers
import SlotMath
import Testing

/// Compares a recurrent layer's backward pass with central finite differences
/// of a scalar loss, accumulated in `Double`:
///
/// ```
/// loss = Σ_t Σ_j h_t[j] · R[t, j]  +  Σ_s Σ_j h_final(s)[j] · F[s, j]
/// ∂loss/∂θ ≈ (loss(θ + ε) − loss(θ − ε)) / 2ε
/// ```
/// The output and final-state matrices carry extra columns so that the
/// column offsets are exercised, and the input gradient starts non-zero so
/// that "added, not overwritten" is checked too.
struct RecurrentGradientCheck<Layer: RecurrentLayer> {
    let layer: Layer
    let layout: SequenceLayout
    let reversed: Bool
    let input: Matrix
    let projection: Matrix          // R, N × H
    let finalProjection: Matrix?    // F, S × H
    static var outputColumn: Int { 2 }
    static var finalColumn: Int { 1 }
    static var epsilon: Float { 2e-3 }

    init(layer: Layer, lengths: [Int], reversed: Bool, withFinalGradient: Bool, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        self.layer = layer
        self.layout = SequenceLayout(lengths: lengths)
        self.reversed = reversed
        input = .uniform(rows: layout.tokenCount, columns: layer.inputSize, bound: 1, using: &generator)
        projection = .uniform(rows: layout.tokenCount, columns: layer.hiddenSize, bound: 1, using: &generator)
        finalProjection = withFinalGradient
            ? .uniform(rows: lengths.count, columns: layer.hiddenSize, bound: 1, using: &generator) : nil
    }

    func loss(of layer: Layer, input: Matrix) -> Double {
        let size = layer.hiddenSize
        var output = Matrix(rows: layout.tokenCount, columns: size + 3)
        let cache = layer.forward(input, layout: layout, reversed: reversed, output: &output, outputColumn: Self.outputColumn)
        var total = 0.0
        for row in 0..<layout.tokenCount {
            for j in 0..<size { total += Double(output[row, Self.outputColumn + j]) * Double(projection[row, j]) }
        }
        if let finalProjection {
            let finals = cache.finalStates
            for sequence in 0..<layout.sequenceCount {
                for j in 0..<size { total += Double(finals[sequence, j]) * Double(finalProjection[sequence, j]) }
            }
        }
        return total
    }

    /// The analytic gradients: parameters, and the input gradient minus its starting value.
    func analytic() -> (parameters: Layer, input: Matrix) {
        let size = layer.hiddenSize
        var output = Matrix(rows: layout.tokenCount, columns: size + 3)
        let cache = layer.forward(input, layout: layout, reversed: reversed, output: &output, outputColumn: Self.outputColumn)
        var outputGradient = Matrix(rows: layout.tokenCount, columns: size + 3, repeating: 100)
        for row in 0..<layout.tokenCount {
            for j in 0..<size { outputGradient[row, Self.outputColumn + j] = projection[row, j] }
        }
        let finalGradient = finalProjection.map { projection in
            var gradient = Matrix(rows: layout.sequenceCount, columns: size + 2, repeating: 100)
            for sequence in 0..<layout.sequenceCount {
                for j in 0..<size { gradient[sequence, Self.finalColumn + j] = projection[sequence, j] }
            }
            return gradient
        }
        var inputGradient = Matrix(rows: layout.tokenCount, columns: layer.inputSize, repeating: 0.5)
        let parameters = layer.backward(
            outputGradient: outputGradient, outputColumn: Self.outputColumn,
            finalGradient: finalGradient, finalColumn: Self.finalColumn,
            cache: cache, inputGradient: &inputGradient)
        var start = Matrix(rows: layout.tokenCount, columns: layer.inputSize, repeating: 0.5)
        start.scale(by: -1)
        inputGradient.add(start)
        return (parameters, inputGradient)
    }

    /// Records an issue for every element whose analytic and numeric gradients
    /// differ by more than `absolute + relative · |numeric|`; returns the largest difference.
    @discardableResult
    func run(absolute: Double = 5e-4, relative: Double = 2e-3, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        let (parameterGradient, inputGradient) = analytic()
        let epsilon = Self.epsilon
        var worst = 0.0
        func compare(_ name: String, _ index: Int, analytic: Float, numeric: Double) {
            let difference = abs(Double(analytic) - numeric)
            worst = max(worst, difference)
            if difference > absolute + relative * abs(numeric) {
                Issue.record("\(name)[\(index)]: analytic \(analytic), numeric \(numeric)", sourceLocation: sourceLocation)
            }
        }
        for (name, gradient) in parameterGradient.namedParameters {
            for index in 0..<gradient.count {
                func shifted(by delta: Float) -> Double {
                    var copy = layer
                    copy.visitParameters { parameterName, matrix in
                        if parameterName == name { matrix.withUnsafeMutableBufferPointer { $0[index] += delta } }
                    }
                    return loss(of: copy, input: input)
                }
                let numeric = (shifted(by: epsilon) - shifted(by: -epsilon)) / Double(2 * epsilon)
                compare(name, index, analytic: gradient.scalars[index], numeric: numeric)
            }
        }
        for index in 0..<input.count {
            func shifted(by delta: Float) -> Double {
                var copy = input
                copy.withUnsafeMutableBufferPointer { $0[index] += delta }
                return loss(of: layer, input: copy)
            }
            let numeric = (shifted(by: epsilon) - shifted(by: -epsilon)) / Double(2 * epsilon)
            compare("input", index, analytic: inputGradient.scalars[index], numeric: numeric)
        }
        return worst
    }
}
