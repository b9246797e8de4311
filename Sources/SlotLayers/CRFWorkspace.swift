/// Scratch memory for one pass of a linear-chain CRF over sentences of up to
/// `capacity` tokens and `labelCount` labels.
///
/// A training batch allocates one workspace and reuses it for every sentence,
/// so message passing allocates nothing per sentence or per token. The
/// workspace is non-copyable and frees its memory when it goes out of scope.
struct CRFWorkspace: ~Copyable {
    /// The longest sentence the workspace holds.
    let capacity: Int
    /// The number of labels.
    let labelCount: Int
    /// Forward messages relative to their row maximum, `capacity × labelCount`.
    let alpha: UnsafeMutablePointer<Float>
    /// Backward messages relative to their row maximum, `capacity × labelCount`.
    let beta: UnsafeMutablePointer<Float>
    /// `exp(alpha)` row by row, the left factors of the forward products.
    let forwardWeights: UnsafeMutablePointer<Float>
    /// Row `t` holds `exp(v_t − max v_t)` with `v_t = emissions_t + beta_t`,
    /// the right factors of the backward step from `t` to `t − 1`.
    let backwardWeights: UnsafeMutablePointer<Float>
    /// The log offset of every forward row: `alpha_t(j) = alpha[t, j] + forwardOffsets[t]`.
    let forwardOffsets: UnsafeMutablePointer<Double>
    /// The log offset of every backward row: `beta_t(j) = beta[t, j] + backwardOffsets[t]`.
    let backwardOffsets: UnsafeMutablePointer<Double>
    /// `max v_t` for the rows of ``backwardWeights``.
    let backwardShifts: UnsafeMutablePointer<Double>
    /// Four vectors of `labelCount` elements for one step's intermediate values.
    let vector0, vector1, vector2, vector3: UnsafeMutablePointer<Float>

    /// Allocates a workspace.
    init(capacity: Int, labelCount: Int) {
        self.capacity = capacity
        self.labelCount = labelCount
        let matrixCount = max(capacity * labelCount, 1)
        alpha = Self.floats(matrixCount)
        beta = Self.floats(matrixCount)
        forwardWeights = Self.floats(matrixCount)
        backwardWeights = Self.floats(matrixCount)
        forwardOffsets = Self.doubles(max(capacity, 1))
        backwardOffsets = Self.doubles(max(capacity, 1))
        backwardShifts = Self.doubles(max(capacity, 1))
        vector0 = Self.floats(labelCount)
        vector1 = Self.floats(labelCount)
        vector2 = Self.floats(labelCount)
        vector3 = Self.floats(labelCount)
    }

    deinit {
        for pointer in [alpha, beta, forwardWeights, backwardWeights, vector0, vector1, vector2, vector3] {
            pointer.deallocate()
        }
        for pointer in [forwardOffsets, backwardOffsets, backwardShifts] {
            pointer.deallocate()
        }
    }

    private static func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
        return pointer
    }

    private static func doubles(_ count: Int) -> UnsafeMutablePointer<Double> {
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
        return pointer
    }
}
