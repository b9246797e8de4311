import SlotMath

/// The update rule that turns gradients into parameter changes.
///
/// ```
/// SGD with momentum:  v ← μ·v + g;           θ ← θ − η·v
/// RMSprop:            s ← ρ·s + (1−ρ)·g²;     θ ← θ − η·g / (√s + ε)
/// Adam:               m ← β₁·m + (1−β₁)·g;   v ← β₂·v + (1−β₂)·g²
///                     θ ← θ − η·m̂ / (√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
/// ```
/// An `Optimizer` keeps its per-parameter state (moments) as matrices in the
/// parameters' visiting order, so it works on any ``ParameterSet``.
public struct Optimizer: Sendable {
    /// Which update rule, with its constants.
    public enum Rule: Hashable, Sendable, Codable {
        /// Stochastic gradient descent with momentum μ (0 for plain SGD).
        case sgd(momentum: Float)
        /// RMSprop with decay ρ and ε.
        case rmsprop(decay: Float, epsilon: Float)
        /// Adam with β₁, β₂ and ε.
        case adam(beta1: Float, beta2: Float, epsilon: Float)
    }

    /// The update rule.
    public let rule: Rule
    /// The number of updates made so far (Adam's bias correction uses it).
    public private(set) var step: Int = 0
    /// First moments (momentum, Adam's m), one per parameter tensor.
    public private(set) var firstMoments: [Matrix] = []
    /// Second moments (RMSprop's s, Adam's v), one per parameter tensor.
    public private(set) var secondMoments: [Matrix] = []

    /// Creates an optimiser with empty state.
    public init(rule: Rule) {
        self.rule = rule
    }

    /// Restores an optimiser from a checkpoint's state.
    public init(rule: Rule, step: Int, firstMoments: [Matrix], secondMoments: [Matrix]) {
        self.rule = rule
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// Applies one update to `parameters` with `gradient` at `learningRate`.
    /// - Precondition: `gradient` has the parameters' shapes.
    public mutating func update<Parameters: ParameterSet>(
        _ parameters: inout Parameters, gradient: Parameters, learningRate: Float
    ) {
        let gradients = gradient.namedParameters.map(\.value)
        if firstMoments.isEmpty {
            firstMoments = gradients.map { Matrix(rows: $0.rows, columns: $0.columns) }
            secondMoments = gradients.map { Matrix(rows: $0.rows, columns: $0.columns) }
        }
        precondition(firstMoments.count == gradients.count, "optimiser state does not match the parameters")
        step += 1
        var index = 0
        let rule = self.rule, step = self.step
        parameters.visitParameters { name, matrix in
            precondition(matrix.count == gradients[index].count, "gradient of \(name) has the wrong shape")
            Optimizer.apply(
                rule: rule, step: step, learningRate: learningRate, parameter: &matrix,
                gradient: gradients[index], first: &firstMoments[index], second: &secondMoments[index])
            index += 1
        }
    }

    private static func apply(
        rule: Rule, step: Int, learningRate: Float, parameter: inout Matrix, gradient: Matrix,
        first: inout Matrix, second: inout Matrix
    ) {
        gradient.withUnsafeBufferPointer { g in
        parameter.withUnsafeMutableBufferPointer { p in
        first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
            switch rule {
            case .sgd(let momentum):
                for i in p.indices {
                    m[i] = momentum * m[i] + g[i]
                    p[i] -= learningRate * m[i]
                }
            case .rmsprop(let decay, let epsilon):
                for i in p.indices {
                    v[i] = decay * v[i] + (1 - decay) * g[i] * g[i]
                    p[i] -= learningRate * g[i] / (v[i].squareRoot() + epsilon)
                }
            case .adam(let beta1, let beta2, let epsilon):
                let correction1 = 1 - pow(beta1, step), correction2 = 1 - pow(beta2, step)
                let stepSize = learningRate * correction2.squareRoot() / correction1
                for i in p.indices {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                    p[i] -= stepSize * m[i] / (v[i].squareRoot() + epsilon * correction2.squareRoot())
                }
            }
        }}}}
    }
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
