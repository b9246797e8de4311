import SlotMath
import SlotLayers
var g = SplitMix64(seed: 1)
let bi = BiLSTM(inputSize: 150, hiddenSize: 100, using: &g)
let lengths = (0..<10).map { _ in 9 + Int(g.next() % 5) }
let layout = SequenceLayout(lengths: lengths)
let x = Matrix.uniform(rows: layout.tokenCount, columns: 150, bound: 1, using: &g)
let clock = ContinuousClock()
var iters = 300
var t0 = clock.now
var sink: Float = 0
for _ in 0..<iters { let (o, _) = bi.forward(x, layout: layout); sink += o.scalars[0] }
var d = clock.now - t0
print("forward tokens/s", Double(iters * layout.tokenCount) / (Double(d.components.attoseconds) * 1e-18 + Double(d.components.seconds)))
t0 = clock.now
for _ in 0..<iters { let (o, c) = bi.forward(x, layout: layout); let (dx, _) = bi.backward(outputGradient: o, cache: c); sink += dx.scalars[0] }
d = clock.now - t0
print("fwd+bwd tokens/s", Double(iters * layout.tokenCount) / (Double(d.components.attoseconds) * 1e-18 + Double(d.components.seconds)), sink)
