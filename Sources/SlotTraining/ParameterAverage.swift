import SlotMath

/// An exponential moving average of parameters (Polyak averaging): after
/// every optimiser step the average moves a little towards the current
/// parameters, and the average, not the last step's parameters, is what gets
/// evaluated and saved. It smooths out the noise of the last mini-batches,
/// which gives better and steadier dev and test scores than any single step.
///
/// ```
/// r_t = min(decay, (1 + t) / (10 + t))        t: the number of updates so far, from 1
/// θ̄  ← r_t · θ̄ + (1 − r_t) · θ
/// ```
/// The warm-up term `(1 + t) / (10 + t)` lets the first updates forget the
/// random initialisation quickly; afterwards the average spans about
/// `1 / (1 − decay)` steps.
package struct ParameterAverage<Parameters: ParameterSet>: Sendable {
    /// The largest share of the old average kept at an update, in `[0, 1)`.
    package let decay: Float
    /// The averaged parameters.
    package internal(set) var value: Parameters
    /// The number of updates made so far.
    package private(set) var updates: Int

    /// Starts an average at `initial`.
    ///
    /// - Parameters:
    ///   - decay: the largest share of the old average kept at an update, in `[0, 1)`.
    ///   - initial: the starting parameters.
    ///   - updates: the number of updates already made (when restoring a checkpoint).
    package init(decay: Float, initial: Parameters, updates: Int = 0) {
        precondition(decay >= 0 && decay < 1, "averaging decay must be in [0, 1), got \(decay)")
        self.decay = decay
        value = initial
        self.updates = updates
    }

    /// The share of the old average that the next update keeps.
    package var nextRate: Float {
        min(decay, Float(2 + updates) / Float(11 + updates))
    }

    /// Moves the average towards `parameters`.
    ///
    /// - Parameter parameters: the current parameters, of the average's shapes.
    package mutating func update(with parameters: Parameters) {
        let rate = nextRate
        value.scale(by: rate)
        value.add(parameters, scaledBy: 1 - rate)
        updates += 1
    }
}
