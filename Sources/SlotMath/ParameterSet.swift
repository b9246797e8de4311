/// A value made of named parameter tensors: a layer, a whole model, or the
/// gradient of one (gradients have the same type as what they differentiate,
/// so that optimisers and clipping walk both the same way).
///
/// Conforming types list their matrices in a fixed order with stable names;
/// nested layers prefix their children's names with `child.`.
package protocol ParameterSet: Sendable {
    /// Calls `body` with every parameter tensor, in a fixed order, with its name.
    mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows
}

extension ParameterSet {
    /// Every parameter tensor with its name, in visiting order.
    package var namedParameters: [(name: String, value: Matrix)] {
        var copy = self
        var result: [(name: String, value: Matrix)] = []
        copy.visitParameters { name, matrix in result.append((name, matrix)) }
        return result
    }

    /// The total number of scalar parameters.
    package var parameterCount: Int {
        namedParameters.reduce(0) { $0 + $1.value.count }
    }

    /// A value of the same shape with every parameter set to zero: the
    /// starting point for accumulating gradients. Each tensor is a fresh zero
    /// matrix, not a copy of the parameters that is then cleared.
    package var zeroed: Self {
        var copy = self
        copy.visitParameters { _, matrix in matrix = Matrix(rows: matrix.rows, columns: matrix.columns) }
        return copy
    }

    /// Adds `other`'s parameters element-wise, scaled: `self += scale · other`.
    /// - Precondition: `other` has the same parameter shapes (e.g. it is a gradient of `self`).
    package mutating func add(_ other: Self, scaledBy scale: Float = 1) {
        let others = other.namedParameters
        var index = 0
        visitParameters { name, matrix in
            precondition(others[index].name == name, "parameter \(name) does not match \(others[index].name)")
            matrix.add(others[index].value, scaledBy: scale)
            index += 1
        }
    }

    /// Multiplies every parameter by `factor`.
    package mutating func scale(by factor: Float) {
        visitParameters { _, matrix in matrix.scale(by: factor) }
    }

    /// The Euclidean norm of all parameters taken together, `sqrt(Σ x²)`.
    package var globalNorm: Double {
        namedParameters.reduce(0) { $0 + $1.value.squaredNorm }.squareRoot()
    }
}
