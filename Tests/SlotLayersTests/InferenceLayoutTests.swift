import Testing
import SlotLayers
import SlotMath
import SlotTestSupport

/// The recurrent and emission weights a tagger keeps transposed
/// (`prepareForInference()`): a direct pass over them computes what
/// training's BLAS pass computes, to rounding, for every cell and for a
/// linear layer, and no parameter change can leave them stale.
@Suite("Weights kept transposed for inference")
struct InferenceLayoutTests {
    static let layout = SequenceLayout(lengths: [5, 1, 3, 9])

    /// The largest difference between a prepared layer's direct pass and the BLAS pass, and
    /// the largest output, over a batch of four sentences with 40 hidden units (four gates:
    /// 160 columns, past the kernel's 64-wide blocks and into its 8-wide steps).
    static func difference<Cell: RecurrentLayer>(_ cell: Cell.Type, reversed: Bool) -> (difference: Float, largest: Float) {
        var generator = SplitMix64(seed: 31)
        var layer = Cell(inputSize: 6, hiddenSize: 40, using: &generator)
        let input = Matrix.uniform(rows: layout.tokenCount, columns: 6, bound: 2, using: &generator)
        var blas = Matrix(rows: layout.tokenCount, columns: 40)
        _ = layer.forward(input, layout: layout, reversed: reversed, output: &blas, outputColumn: 0)
        layer.prepareForInference()
        #expect(layer.recurrentWeightTransposed?.rows == 40)
        var direct = Matrix(rows: layout.tokenCount, columns: 40)
        _ = layer.forward(input, layout: layout, reversed: reversed, output: &direct, outputColumn: 0, strategy: .direct)
        let difference = zip(blas.scalars, direct.scalars).map { abs($0 - $1) }.max() ?? 0
        return (difference, blas.scalars.map(abs).max() ?? 0)
    }

    @Test("a prepared layer's direct pass matches the BLAS pass for LSTM, GRU and CIFG", arguments: [false, true])
    func directMatchesBLAS(reversed: Bool) {
        for (name, result) in [("LSTM", Self.difference(LSTM.self, reversed: reversed)),
                               ("GRU", Self.difference(GRU.self, reversed: reversed)),
                               ("CIFG", Self.difference(CIFG.self, reversed: reversed))] {
            #expect(result.largest > 0.05, "\(name) outputs are not trivially small")
            #expect(result.difference <= 1e-5, "\(name): \(result.difference)")
        }
    }

    @Test("visiting the parameters for writing drops the transposed copy; a bidirectional layer prepares both readers")
    func visitingDropsTheCopy() {
        var generator = SplitMix64(seed: 32)
        var layer = BiLSTM(inputSize: 3, hiddenSize: 4, using: &generator)
        layer.prepareForInference()
        #expect(layer.leftToRight.recurrentWeightTransposed == layer.leftToRight.recurrentWeight.transposed)
        #expect(layer.rightToLeft.recurrentWeightTransposed == layer.rightToLeft.recurrentWeight.transposed)
        layer.visitParameters { _, matrix in matrix[0, 0] += 1 }
        #expect(layer.leftToRight.recurrentWeightTransposed == nil && layer.rightToLeft.recurrentWeightTransposed == nil)
    }

    @Test("a prepared linear layer's direct product matches BLAS, keeps the bias, and is equal to the unprepared layer")
    func linearLayer() {
        var generator = SplitMix64(seed: 33)
        var layer = Linear(inputSize: 200, outputSize: 120, using: &generator)
        layer.bias = Matrix.uniform(rows: 1, columns: 120, bound: 1, using: &generator)
        let input = Matrix.uniform(rows: 11, columns: 200, bound: 1, using: &generator)
        let blas = layer(input)
        let unprepared = layer
        layer.prepareForInference()
        #expect(layer == unprepared && layer.hashValue == unprepared.hashValue)
        let direct = layer(input, strategy: .direct)
        let difference = zip(blas.scalars, direct.scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(difference <= 1e-5, "\(difference)")
        layer.visitParameters { _, _ in }
        #expect(layer.weightTransposed == nil)
    }
}
