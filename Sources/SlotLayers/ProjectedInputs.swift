import SlotMath

/// The inputs of a bidirectional layer multiplied by each direction's input
/// weights (``RecurrentLayer/inputProjection(_:strategy:)``), `N × G·H` each:
/// what ``Bidirectional/forward(projections:layout:strategy:)`` runs over, so
/// that a tagger can keep the projections of words it has seen.
package struct ProjectedInputs: Sendable {
    /// The left-to-right reader's projections.
    package var leftToRight: Matrix
    /// The right-to-left reader's projections.
    package var rightToLeft: Matrix

    /// Creates the pair.
    package init(leftToRight: Matrix, rightToLeft: Matrix) {
        precondition(leftToRight.rows == rightToLeft.rows, "both directions project the same inputs")
        self.leftToRight = leftToRight
        self.rightToLeft = rightToLeft
    }
}
