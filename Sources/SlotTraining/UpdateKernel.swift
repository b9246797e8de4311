import SlotMath

/// One optimiser step's arithmetic over raw elements, with the step's
/// constants worked out once: the inner loop of ``Optimizer``.
///
/// Adam, the default rule, runs eight lanes at a time; every lane does the
/// scalar formula's operations in the same order (no fused multiply-add), so
/// the results are the same bits as an element-by-element loop.
struct UpdateKernel {
    /// The update rule.
    let rule: Optimizer.Rule
    /// The learning rate η.
    let learningRate: Float
    /// Adam's bias-corrected step size `η·√(1−β₂ᵗ) / (1−β₁ᵗ)`.
    let stepSize: Float
    /// Adam's `ε·√(1−β₂ᵗ)`, the ε that the bias correction of `v` scales.
    let epsilonTerm: Float

    /// The constants of update number `step` (from 1).
    init(rule: Optimizer.Rule, step: Int, learningRate: Float) {
        self.rule = rule
        self.learningRate = learningRate
        if case .adam(let beta1, let beta2, let epsilon) = rule {
            let correction1 = 1 - pow(beta1, step), correction2 = 1 - pow(beta2, step)
            stepSize = learningRate * correction2.squareRoot() / correction1
            epsilonTerm = epsilon * correction2.squareRoot()
        } else {
            stepSize = learningRate
            epsilonTerm = 0
        }
    }

    /// Updates every element of `parameter` with the dense `gradient`.
    func apply(to parameter: inout Matrix, gradient: Matrix, first: inout Matrix, second: inout Matrix) {
        gradient.withUnsafeBufferPointer { g in
        parameter.withUnsafeMutableBufferPointer { p in
        first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
            guard let pointer = p.baseAddress else { return }
            apply(count: p.count, gradient: g.baseAddress!, parameter: pointer, first: m.baseAddress!, second: v.baseAddress!)
        }}}}
    }

    /// Updates a block of rows of a table whose gradient is `gradient`:
    /// `parameter` and the moments hold rows `firstRow ..< firstRow + parameter.rows`.
    /// The listed rows take their gradient; the others a zero gradient, or, with
    /// `onlyListed`, no update at all (their values and moments stay).
    func apply(
        to parameter: inout Matrix, rowsFrom firstRow: Int = 0, gradient: SparseRows, onlyListed: Bool,
        first: inout Matrix, second: inout Matrix
    ) {
        let rows = parameter.rows, size = parameter.columns
        guard size > 0 else { return }
        let ids = gradient.ids
        let listed = ids.partitioningIndex { $0 >= firstRow } ..< ids.partitioningIndex { $0 >= firstRow + rows }
        let zeros = [Float](repeating: 0, count: size)
        zeros.withUnsafeBufferPointer { zero in
        gradient.values.withUnsafeBufferPointer { g in
        parameter.withUnsafeMutableBufferPointer { p in
        first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
            func update(row: Int, gradient rowGradient: UnsafePointer<Float>) {
                let offset = (row - firstRow) * size
                apply(count: size, gradient: rowGradient, parameter: p.baseAddress! + offset,
                      first: m.baseAddress! + offset, second: v.baseAddress! + offset)
            }
            if onlyListed {
                for position in listed { update(row: ids[position], gradient: g.baseAddress! + position * size) }
                return
            }
            var position = listed.lowerBound
            for row in firstRow ..< firstRow + rows {
                if position < listed.upperBound, ids[position] == row {
                    update(row: row, gradient: g.baseAddress! + position * size)
                    position += 1
                } else {
                    update(row: row, gradient: zero.baseAddress!)
                }
            }
        }}}}}
    }

    /// Updates `count` consecutive elements.
    ///
    /// ```
    /// SGD:      m ← μ·m + g;                  θ ← θ − η·m
    /// RMSprop:  v ← ρ·v + (1−ρ)·g·g;          θ ← θ − η·g / (√v + ε)
    /// Adam:     m ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g·g;  θ ← θ − stepSize·m / (√v + epsilonTerm)
    /// ```
    func apply(
        count: Int, gradient g: UnsafePointer<Float>, parameter p: UnsafeMutablePointer<Float>,
        first m: UnsafeMutablePointer<Float>, second v: UnsafeMutablePointer<Float>
    ) {
        switch rule {
        case .sgd(let momentum):
            for i in 0..<count {
                m[i] = momentum * m[i] + g[i]
                p[i] -= learningRate * m[i]
            }
        case .rmsprop(let decay, let epsilon):
            for i in 0..<count {
                v[i] = decay * v[i] + (1 - decay) * g[i] * g[i]
                p[i] -= learningRate * g[i] / (v[i].squareRoot() + epsilon)
            }
        case .adam(let beta1, let beta2, _):
            let keep1 = 1 - beta1, keep2 = 1 - beta2, stepSize = stepSize, epsilonTerm = epsilonTerm
            var i = 0
            while i + 8 <= count {
                let gradient = load(g + i)
                let first = beta1 * load(m + i) + keep1 * gradient
                let second = beta2 * load(v + i) + keep2 * gradient * gradient
                store(first, m + i)
                store(second, v + i)
                store(load(p + i) - stepSize * first / (squareRoot(second) + epsilonTerm), p + i)
                i += 8
            }
            while i < count {
                m[i] = beta1 * m[i] + keep1 * g[i]
                v[i] = beta2 * v[i] + keep2 * g[i] * g[i]
                p[i] -= stepSize * m[i] / (v[i].squareRoot() + epsilonTerm)
                i += 1
            }
        }
    }
}

extension Array where Element == Int {
    /// The first index whose element satisfies `belongs`, for an array sorted
    /// so that the elements that do come last (a binary search).
    fileprivate func partitioningIndex(where belongs: (Int) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Eight floats from `pointer`.
@inline(__always)
private func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
}

/// The square roots of eight non-negative floats, in one vector instruction.
///
/// `v.squareRoot()` on Linux checks each lane for a negative argument (the C
/// library's `errno`), which keeps it scalar; `magnitude` first removes the
/// check. Adam's second moments are never negative, and `+0` and `−0` give the
/// same sum with `ε`, so the result is the same bits.
@inline(__always)
private func squareRoot(_ values: SIMD8<Float>) -> SIMD8<Float> {
    var roots = SIMD8<Float>()
    for lane in roots.indices { roots[lane] = values[lane].magnitude.squareRoot() }
    return roots
}

/// Writes eight floats to `pointer`.
@inline(__always)
private func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
}

/// `base^exponent` for a positive integer exponent, by repeated squaring.
private func pow(_ base: Float, _ exponent: Int) -> Float {
    var result: Float = 1, factor = base, remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
    }
    return result
}
