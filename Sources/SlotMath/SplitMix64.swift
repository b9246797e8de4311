/// A small, fast, seedable random number generator (Steele, Lea and Flood's
/// SplitMix64), so that training with a given `--seed` is reproducible.
///
/// ```
/// state += 0x9E3779B97F4A7C15
/// z = state; z = (z ^ (z >> 30)) · 0xBF58476D1CE4E5B9
/// z = (z ^ (z >> 27)) · 0x94D049BB133111EB;  return z ^ (z >> 31)
/// ```
package struct SplitMix64: RandomNumberGenerator, Hashable, Sendable, Codable {
    /// The generator's whole state; saving it in a checkpoint resumes the sequence.
    package var state: UInt64

    /// Creates a generator whose sequence is determined by `seed`.
    package init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed `Float` in `[0, 1)` from the top 24 bits.
    package mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniformly distributed `Float` in `[-bound, bound)`.
    package mutating func nextFloat(bound: Float) -> Float {
        (nextUnitFloat() * 2 - 1) * bound
    }

    /// A new generator for a sub-task (a worker thread, a layer's initialiser)
    /// whose sequence does not overlap this one's in practice.
    package mutating func split() -> SplitMix64 {
        SplitMix64(seed: next())
    }

    /// Shuffles `array` in place with the Fisher–Yates algorithm, so that the
    /// order depends only on this generator (not on the standard library's
    /// choice of algorithm).
    package mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            array.swapAt(index, other)
        }
    }
}

extension Matrix {
    /// A matrix with elements drawn uniformly from `[-bound, bound)`.
    package static func uniform(rows: Int, columns: Int, bound: Float, using generator: inout SplitMix64) -> Matrix {
        var scalars = [Float](repeating: 0, count: rows * columns)
        for index in scalars.indices { scalars[index] = generator.nextFloat(bound: bound) }
        return Matrix(rows: rows, columns: columns, scalars: scalars)
    }

    /// A matrix initialised with Glorot (Xavier) uniform scaling:
    /// `bound = sqrt(6 / (fanIn + fanOut))` with `fanIn = columns`, `fanOut = rows`.
    package static func glorot(rows: Int, columns: Int, using generator: inout SplitMix64) -> Matrix {
        let bound = (6 / Float(rows + columns)).squareRoot()
        return uniform(rows: rows, columns: columns, bound: bound, using: &generator)
    }
}
