import SlotLayers
import SlotMath

/// Seeded random matrices for the layer tests.
enum TestData {
    /// A matrix of uniform values in `[-bound, bound)` from `seed`.
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64, bound: Float = 1) -> Matrix {
        var generator = SplitMix64(seed: seed)
        return Matrix.uniform(rows: rows, columns: columns, bound: bound, using: &generator)
    }

    /// `Σ weights ⊙ values` in Double.
    static func dot(_ weights: Matrix, _ values: Matrix) -> Double {
        zip(weights.scalars, values.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// A recurrent layer with every parameter (biases included) drawn from `[-0.8, 0.8)`.
    static func recurrentLayer<Layer: RecurrentLayer>(
        _ type: Layer.Type, inputSize: Int = 3, hiddenSize: Int = 4, seed: UInt64
    ) -> Layer {
        var generator = SplitMix64(seed: seed)
        var layer = Layer(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        layer.visitParameters { _, matrix in
            matrix = .uniform(rows: matrix.rows, columns: matrix.columns, bound: 0.8, using: &generator)
        }
        return layer
    }
}
