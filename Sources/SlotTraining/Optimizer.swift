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
package struct Optimizer: Sendable {
    /// Which update rule, with its constants.
    package enum Rule: Hashable, Sendable, Codable {
        /// Stochastic gradient descent with momentum μ (0 for plain SGD).
        case sgd(momentum: Float)
        /// RMSprop with decay ρ and ε.
        case rmsprop(decay: Float, epsilon: Float)
        /// Adam with β₁, β₂ and ε.
        case adam(beta1: Float, beta2: Float, epsilon: Float)
    }

    /// The update rule.
    package let rule: Rule
    /// The number of updates made so far (Adam's bias correction uses it).
    package private(set) var step: Int = 0
    /// First moments (momentum, Adam's m), one per parameter tensor.
    package private(set) var firstMoments: [Matrix] = []
    /// Second moments (RMSprop's s, Adam's v), one per parameter tensor.
    package private(set) var secondMoments: [Matrix] = []

    /// Creates an optimiser with empty state.
    package init(rule: Rule) {
        self.rule = rule
    }

    /// Restores an optimiser from a checkpoint's state.
    package init(rule: Rule, step: Int, firstMoments: [Matrix], secondMoments: [Matrix]) {
        self.rule = rule
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// One parameter tensor's gradient as the optimiser takes it.
    package enum TensorGradient: Sendable {
        /// Every element.
        case dense(Matrix)
        /// Only some rows; the others are zero (an embedding table's gradient).
        case rows(SparseRows)
    }

    /// Applies one update to `parameters` with `gradient` at `learningRate`.
    /// - Precondition: `gradient` has the parameters' shapes.
    package mutating func update<Parameters: ParameterSet>(
        _ parameters: inout Parameters, gradient: Parameters, learningRate: Float
    ) {
        update(&parameters, gradients: gradient.namedParameters.map { .dense($0.value) }, learningRate: learningRate)
    }

    /// Applies one update to `parameters` with one gradient per parameter
    /// tensor, in visiting order, at `learningRate`.
    ///
    /// Every element moves, also in the rows a sparse gradient leaves out: they
    /// are updated with a zero gradient (their moments still move them), with
    /// the same bits as a dense zero gradient would give.
    /// - Precondition: `gradients` match the parameters' count and shapes.
    package mutating func update<Parameters: ParameterSet>(
        _ parameters: inout Parameters, gradients: [TensorGradient], learningRate: Float
    ) {
        prepareMoments(for: parameters)
        apply(nextStep(learningRate: learningRate), to: &parameters, gradients: gradients)
    }

    /// Creates zero moments for `parameters` if there are none yet.
    mutating func prepareMoments<Parameters: ParameterSet>(for parameters: Parameters) {
        guard firstMoments.isEmpty else { return }
        let shapes = parameters.namedParameters.map(\.value)
        firstMoments = shapes.map { Matrix(rows: $0.rows, columns: $0.columns) }
        secondMoments = shapes.map { Matrix(rows: $0.rows, columns: $0.columns) }
    }

    /// Counts one more update and returns its arithmetic.
    mutating func nextStep(learningRate: Float) -> UpdateKernel {
        step += 1
        return UpdateKernel(rule: rule, step: step, learningRate: learningRate)
    }

    /// Swaps the moments of parameter tensor `index` with `first` and `second`:
    /// moves them out (for a ``ShardedWordTable``) and back in.
    mutating func exchangeMoments(at index: Int, first: inout Matrix, second: inout Matrix) {
        swap(&firstMoments[index], &first)
        swap(&secondMoments[index], &second)
    }

    /// Applies `kernel` to every tensor of `parameters` with its gradient; a
    /// `nil` gradient leaves its tensor alone (it is updated elsewhere).
    /// - Precondition: the moments exist and `gradients` match the parameters' count and shapes.
    mutating func apply<Parameters: ParameterSet>(
        _ kernel: UpdateKernel, to parameters: inout Parameters, gradients: [TensorGradient?]
    ) {
        precondition(firstMoments.count == gradients.count, "optimiser state does not match the parameters")
        var index = 0
        parameters.visitParameters { name, matrix in
            defer { index += 1 }
            switch gradients[index] {
            case nil:
                return
            case .dense(let gradient):
                precondition(matrix.count == gradient.count, "gradient of \(name) has the wrong shape")
                kernel.apply(to: &matrix, gradient: gradient, first: &firstMoments[index], second: &secondMoments[index])
            case .rows(let gradient):
                precondition(matrix.rows == gradient.rowCount && matrix.columns == gradient.columns,
                             "gradient of \(name) has the wrong shape")
                kernel.apply(to: &matrix, gradient: gradient, onlyListed: false,
                             first: &firstMoments[index], second: &secondMoments[index])
            }
        }
    }
}
