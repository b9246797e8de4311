import Foundation
import SlotMath
import Testing

/// Checks the direct matrix product and the Viterbi step of `CKernels`
/// (both their vector and portable code) against loops in `Double` and by
/// brute force.
@Suite struct DirectKernelTests {
    static let paths: [Kernels.Path] = [.fastest, .portable]

    /// `A · Bᵀ (+ C)` for row-major `a` (`m × k`, stride `lda`), `b` (`n × k`, stride `ldb`)
    /// and the magnitude `Σ |a·b| + |c|` of every element, in Double.
    private static func reference(
        m: Int, n: Int, k: Int, a: [Float], lda: Int, b: [Float], ldb: Int, c: [Float], ldc: Int, accumulate: Bool
    ) -> (value: [Double], magnitude: [Double]) {
        var value = [Double](repeating: 0, count: m * n), magnitude = value
        for i in 0..<m {
            for j in 0..<n {
                var sum = accumulate ? Double(c[i * ldc + j]) : 0
                var size = abs(sum)
                for p in 0..<k {
                    let product = Double(a[i * lda + p]) * Double(b[j * ldb + p])
                    sum += product
                    size += abs(product)
                }
                value[i * n + j] = sum
                magnitude[i * n + j] = size
            }
        }
        return (value, magnitude)
    }

    /// Checks `C` (`m × n` in rows of `ldc`) against the reference within rounding,
    /// and that its padding columns are as they were.
    private static func expectClose(
        _ c: [Float], untouched: [Float], to expected: (value: [Double], magnitude: [Double]), m: Int, n: Int, ldc: Int,
        _ shape: String
    ) {
        for i in 0..<m {
            for j in 0..<ldc {
                let actual = c[i * ldc + j]
                if j >= n {
                    #expect(actual == untouched[i * ldc + j], "padding of C written, \(shape)")
                    continue
                }
                let tolerance = 1e-6 * expected.magnitude[i * n + j] + 1e-7
                #expect(abs(Double(actual) - expected.value[i * n + j]) <= tolerance, "\(shape), element (\(i), \(j))")
            }
        }
    }

    @Test(arguments: paths)
    func productMatchesDoubleLoopOnEveryEdgeShape(path: Kernels.Path) {
        var generator = SplitMix64(seed: 7)
        // Rows of A past a pair, rows of B past a block of four, and k past a multiple of eight
        // (the kernel's 2 × 4 blocks and 8-wide steps), with strides wider than the rows.
        for m in [1, 2, 3, 5] {
            for n in [1, 3, 4, 5, 9] {
                for k in [1, 7, 8, 9, 17, 150] {
                    for accumulate in [false, true] {
                        let lda = k + 3, ldb = k + 1, ldc = n + 2
                        let a = (0..<(m * lda)).map { _ in generator.nextFloat(bound: 1) }
                        let b = (0..<(n * ldb)).map { _ in generator.nextFloat(bound: 1) }
                        var c = (0..<(m * ldc)).map { _ in generator.nextFloat(bound: 1) }
                        let untouched = c
                        let expected = Self.reference(
                            m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
                        c.withUnsafeMutableBufferPointer { pc in
                            GEMM.multiplyDirect(
                                m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, accumulate: accumulate,
                                c: pc.baseAddress!, ldc: ldc, path: path)
                        }
                        Self.expectClose(c, untouched: untouched, to: expected, m: m, n: n, ldc: ldc,
                                         "\(m)×\(n)×\(k) accumulate \(accumulate)")
                    }
                }
            }
        }
    }

    @Test(arguments: paths)
    func productByTransposedWeightsMatchesDoubleLoopOnEveryEdgeShape(path: Kernels.Path) {
        var generator = SplitMix64(seed: 13)
        // Columns of C past the kernel's 64-, 32- and 8-wide blocks and into a masked tail
        // (400 is the recurrent step's 4 × 100), with strides wider than the rows.
        for m in [1, 2, 3] {
            for n in [1, 7, 8, 9, 33, 64, 71, 120, 136, 400] {
                for k in [1, 5, 100] {
                    for accumulate in [false, true] {
                        let lda = k + 3, ldb = n + 5, ldc = n + 2
                        let a = (0..<(m * lda)).map { _ in generator.nextFloat(bound: 1) }
                        let b = (0..<(k * ldb)).map { _ in generator.nextFloat(bound: 1) }
                        var c = (0..<(m * ldc)).map { _ in generator.nextFloat(bound: 1) }
                        let untouched = c
                        // B stored k × n is the transpose of the n × k matrix the first reference reads.
                        var bRows = [Float](repeating: 0, count: n * k)
                        for p in 0..<k { for j in 0..<n { bRows[j * k + p] = b[p * ldb + j] } }
                        let expected = Self.reference(
                            m: m, n: n, k: k, a: a, lda: lda, b: bRows, ldb: k, c: c, ldc: ldc, accumulate: accumulate)
                        c.withUnsafeMutableBufferPointer { pc in
                            GEMM.multiplyDirect(
                                m: m, n: n, k: k, a: a, lda: lda, transposedB: b, ldb: ldb, accumulate: accumulate,
                                c: pc.baseAddress!, ldc: ldc, path: path)
                        }
                        Self.expectClose(c, untouched: untouched, to: expected, m: m, n: n, ldc: ldc,
                                         "\(m)×\(n)×\(k) accumulate \(accumulate)")
                    }
                }
            }
        }
    }

    @Test func directStrategyMatchesBLASAndComputesEachRowAlone() {
        var generator = SplitMix64(seed: 11)
        let b = Matrix.uniform(rows: 400, columns: 150, bound: 1, using: &generator)
        let rows = Matrix.uniform(rows: 110, columns: 150, bound: 1, using: &generator)
        var alone: [[Float]] = []
        for row in 0..<rows.rows {
            var c = Matrix(rows: 1, columns: 400)
            Matrix.multiply(Matrix(rows: 1, columns: 150, scalars: Array(rows.scalars[row * 150 ..< (row + 1) * 150])), b,
                            transposeB: true, into: &c, strategy: .direct)
            alone.append(c.scalars)
        }
        for m in [1, 11, 32, 33, 110] {
            let a = Matrix(rows: m, columns: 150, scalars: Array(rows.scalars[0 ..< m * 150]))
            let start = Matrix.uniform(rows: m, columns: 400, bound: 1, using: &generator)
            for beta: Float in [0, 1] {
                var blas = start, direct = start
                Matrix.multiply(a, b, transposeB: true, into: &blas, beta: beta)
                Matrix.multiply(a, b, transposeB: true, into: &direct, beta: beta, strategy: .direct)
                let difference = zip(blas.scalars, direct.scalars).map { abs($0 - $1) }.max() ?? 0
                #expect(difference <= 1e-4, "m \(m), beta \(beta)")
                if beta == 0 {
                    // Row i of an m-row product has the bits of row i computed alone.
                    #expect((0..<m).allSatisfy { Array(direct.scalars[$0 * 400 ..< ($0 + 1) * 400]) == alone[$0] }, "m \(m)")
                }
            }
        }
    }

    /// One Viterbi step by brute force: every possible previous label in rising order, a larger sum replacing.
    private static func bruteForceStep(
        count: Int, delta: [Float], incoming: [Float], possible: [[Bool]], emissions: [Float]
    ) -> (next: [Float], pointers: [Int32]) {
        var next = [Float](repeating: 0, count: count), pointers = [Int32](repeating: 0, count: count)
        for j in 0..<count {
            var best = -Float.infinity, from = 0
            for i in 0..<count where possible[j][i] && delta[i] + incoming[j * count + i] > best {
                best = delta[i] + incoming[j * count + i]
                from = i
            }
            next[j] = best + emissions[j]
            pointers[j] = Int32(from)
        }
        return (next, pointers)
    }

    @Test(arguments: paths)
    func viterbiStepMatchesBruteForceBitForBit(path: Kernels.Path) {
        var generator = SplitMix64(seed: 3)
        for count in [1, 2, 7, 8, 9, 17, 40, 121] {
            for trial in 0..<10 {
                // Few distinct values make ties common, in different lanes and in the tails of runs;
                // some previous labels are impossible (-infinity), in one trial all of them.
                let delta = (0..<count).map { _ -> Float in
                    trial == 0 || generator.nextFloat(bound: 1) < -0.7 ? -.infinity : Float(Int(generator.nextFloat(bound: 3)))
                }
                let incoming = (0..<(count * count)).map { _ in Float(Int(generator.nextFloat(bound: 2))) }
                let emissions = (0..<count).map { _ in generator.nextFloat(bound: 1) }
                // Every label gets a random set of possible previous labels, sometimes all, sometimes none;
                // in odd trials the first half may follow any label, as O and B- labels do (eight at once).
                let possible = (0..<count).map { j -> [Bool] in
                    if j % 3 == 0 || (trial % 2 == 1 && j < count / 2) { return [Bool](repeating: true, count: count) }
                    return (0..<count).map { _ in generator.nextFloat(bound: 1) < 0.2 * Float(j % 3) - 0.3 }
                }
                var offsets: [Int32] = [0], bounds: [Int32] = []
                for j in 0..<count {
                    var i = 0
                    while i < count {
                        guard possible[j][i] else { i += 1; continue }
                        let start = i
                        while i < count && possible[j][i] { i += 1 }
                        bounds += [Int32(start), Int32(i)]
                    }
                    offsets.append(Int32(bounds.count / 2))
                }
                let expected = Self.bruteForceStep(
                    count: count, delta: delta, incoming: incoming, possible: possible, emissions: emissions)
                var next = [Float](repeating: .nan, count: count), pointers = [Int32](repeating: -1, count: count)
                let runs = offsets + bounds
                let outgoing = (0..<(count * count)).map { incoming[($0 % count) * count + $0 / count] }
                runs.withUnsafeBufferPointer { runs in
                    Kernels.viterbiStep(
                        count: count, delta: delta, incoming: incoming, runBounds: runs.baseAddress! + count + 1,
                        runOffsets: runs.baseAddress!, outgoing: outgoing, emissions: emissions, next: &next,
                        pointers: &pointers, path: path)
                }
                #expect(next.map(\.bitPattern) == expected.next.map(\.bitPattern), "\(count) labels, trial \(trial)")
                #expect(pointers == expected.pointers, "\(count) labels, trial \(trial)")
            }
        }
    }

    @Test func fastestPathIsVectorExactlyWhenTheProcessorHasAVX2AndFMA() {
        // The kernel's own check (cpuid) against what Linux reports, so that the tests of
        // `.fastest` above are known to have run the vector code where it exists.
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        #expect(Kernels.Path.fastestIsVector == (flags.contains("avx2") && flags.contains("fma")))
    }
}
