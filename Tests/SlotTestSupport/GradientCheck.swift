import SlotMath

/// A finite-difference check of an analytic gradient.
///
/// Each checked element `θ` is perturbed to `θ ± h` (as `Float`, like the
/// parameters themselves) and the loss, accumulated in `Double` by the
/// caller's closure, gives the central difference
/// ```
/// n = (L(θ⁺) − L(θ⁻)) / (θ⁺ − θ⁻)          θ± = Float(θ ± h), the difference taken in Double
/// ```
/// An element passes when
/// ```
/// |a − n| ≤ relativeTolerance · max(|a|, |n|) + absoluteTolerance
/// absoluteTolerance = noiseFloor · max(1, |L(θ)|) / h      (unless given)
/// ```
/// The absolute term is the rounding noise of the difference quotient: a
/// loss computed in `Float32` (and summed in `Double`) carries an error of
/// about one unit in the last place, `2⁻²³·|L|`, which the quotient divides
/// by `h`. With the defaults (`h = 10⁻²`, relative tolerance `10⁻³`, noise
/// floor `10⁻⁷`) an element must match to 0.1 % plus `10⁻⁵·max(1, |L|)`; a
/// wrong index, sign, factor or missing term is off by far more. Measured on
/// CRF losses of about 35 nats, the worst element used under 10 % of its
/// tolerance, so the check is strict without being flaky. The truncation
/// error of the central difference, `h²·|L'''|/6`, stays well inside the
/// tolerance for the smooth layers checked here; for kinked functions (max
/// pooling) the test data must keep the kinks further than `h` away.
///
/// Tensors with more than ``samplesPerTensor`` elements are checked on a
/// seeded random sample of that many elements.
package struct GradientCheck: Sendable {
    /// The perturbation `h`.
    package var step: Float
    /// The relative part of the tolerance.
    package var relativeTolerance: Double
    /// The rounding noise of the loss, relative to `max(1, |L|)`.
    package var noiseFloor: Double
    /// An absolute tolerance that replaces the one derived from ``noiseFloor``.
    package var absoluteTolerance: Double?
    /// How many elements of each tensor to check at most.
    package var samplesPerTensor: Int
    /// The seed of the sampling.
    package var seed: UInt64

    /// Creates a checker.
    ///
    /// - Parameters:
    ///   - step: the perturbation `h`.
    ///   - relativeTolerance: the relative part of the tolerance.
    ///   - noiseFloor: the loss's rounding noise relative to `max(1, |L|)`.
    ///   - absoluteTolerance: a fixed absolute tolerance instead of the derived one.
    ///   - samplesPerTensor: how many elements of each tensor to check at most.
    ///   - seed: the seed of the sampling.
    package init(
        step: Float = 1e-2, relativeTolerance: Double = 1e-3, noiseFloor: Double = 1e-7,
        absoluteTolerance: Double? = nil, samplesPerTensor: Int = 64, seed: UInt64 = 0
    ) {
        self.step = step
        self.relativeTolerance = relativeTolerance
        self.noiseFloor = noiseFloor
        self.absoluteTolerance = absoluteTolerance
        self.samplesPerTensor = samplesPerTensor
        self.seed = seed
    }

    /// Checks the gradient of a loss with respect to every parameter tensor.
    ///
    /// - Parameters:
    ///   - value: the point at which the gradient was computed.
    ///   - analytic: the analytic gradient, of the same shapes.
    ///   - loss: the scalar loss as a function of the parameters.
    /// - Returns: the report; ``GradientCheckReport/passed`` tells the verdict.
    package func check<P: ParameterSet>(_ value: P, analytic: P, loss: (P) -> Double) -> GradientCheckReport {
        let gradients = analytic.namedParameters
        let baseline = loss(value)
        let tolerance = absoluteTolerance ?? noiseFloor * max(1, abs(baseline)) / Double(step)
        var report = GradientCheckReport(absoluteTolerance: tolerance, relativeTolerance: relativeTolerance)
        var generator = SplitMix64(seed: seed)
        for (tensorIndex, parameter) in value.namedParameters.enumerated() {
            let gradient = gradients[tensorIndex]
            precondition(gradient.name == parameter.name && gradient.value.shape == parameter.value.shape,
                         "analytic gradient \(gradient.name) \(gradient.value.shape) does not match \(parameter.name) \(parameter.value.shape)")
            for index in sample(count: parameter.value.count, using: &generator) {
                let numeric = difference(at: index, of: parameter.value) { perturbed in
                    var copy = value
                    var position = 0
                    copy.visitParameters { _, matrix in
                        if position == tensorIndex { matrix = perturbed }
                        position += 1
                    }
                    return loss(copy)
                }
                report.record(
                    tensor: parameter.name, row: index / max(parameter.value.columns, 1),
                    column: index % max(parameter.value.columns, 1),
                    analytic: Double(gradient.value.scalars[index]), numeric: numeric)
            }
        }
        return report
    }

    /// Checks the gradient of a loss with respect to an input matrix.
    ///
    /// - Parameters:
    ///   - input: the point at which the gradient was computed.
    ///   - analytic: the analytic gradient, of the same shape.
    ///   - loss: the scalar loss as a function of the input.
    /// - Returns: the report; ``GradientCheckReport/passed`` tells the verdict.
    package func check(input: Matrix, analytic: Matrix, loss: (Matrix) -> Double) -> GradientCheckReport {
        check(Tensor(value: input), analytic: Tensor(value: analytic)) { loss($0.value) }
    }

    /// The central difference of `loss` in element `index` of `matrix`.
    private func difference(at index: Int, of matrix: Matrix, loss: (Matrix) -> Double) -> Double {
        let original = matrix.scalars[index]
        let plus = original + step, minus = original - step
        var perturbed = matrix
        perturbed[index / matrix.columns, index % matrix.columns] = plus
        let upper = loss(perturbed)
        perturbed[index / matrix.columns, index % matrix.columns] = minus
        let lower = loss(perturbed)
        return (upper - lower) / (Double(plus) - Double(minus))
    }

    /// The indices to check: all of them, or a seeded sample without repetition.
    private func sample(count: Int, using generator: inout SplitMix64) -> [Int] {
        var indices = Array(0..<count)
        guard count > samplesPerTensor else { return indices }
        generator.shuffle(&indices)
        return Array(indices.prefix(samplesPerTensor)).sorted()
    }
}

/// One matrix as a parameter set, so that input gradients are checked like
/// parameter gradients.
private struct Tensor: ParameterSet {
    var value: Matrix

    mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try body("input", &value)
    }
}
