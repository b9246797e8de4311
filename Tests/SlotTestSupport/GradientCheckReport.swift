/// The outcome of a ``GradientCheck``: how many elements were checked and the
/// one that came closest to (or furthest past) the tolerance.
package struct GradientCheckReport: Sendable, CustomStringConvertible {
    /// One checked element.
    package struct Element: Sendable {
        /// The tensor's name.
        package var tensor: String
        /// The element's row.
        package var row: Int
        /// The element's column.
        package var column: Int
        /// The analytic derivative.
        package var analytic: Double
        /// The finite-difference derivative.
        package var numeric: Double
        /// `|a − n|` divided by the element's tolerance: above 1 fails.
        package var ratio: Double
    }

    /// The absolute part of the tolerance used.
    package let absoluteTolerance: Double
    /// The relative part of the tolerance used.
    package let relativeTolerance: Double
    /// The number of elements checked.
    package private(set) var checkedCount = 0
    /// The element with the largest ratio of error to tolerance.
    package private(set) var worst: Element?
    /// The largest relative error `|a − n| / max(|a|, |n|)` among elements
    /// where `max(|a|, |n|)` exceeds the absolute tolerance (for information).
    package private(set) var largestRelativeError = 0.0

    init(absoluteTolerance: Double, relativeTolerance: Double) {
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Whether at least one element was checked and every one was within tolerance.
    package var passed: Bool {
        guard let worst else { return false }
        return worst.ratio <= 1
    }

    mutating func record(tensor: String, row: Int, column: Int, analytic: Double, numeric: Double) {
        let size = max(abs(analytic), abs(numeric))
        let error = abs(analytic - numeric)
        let ratio = error.isNaN ? .infinity : error / (relativeTolerance * size + absoluteTolerance)
        checkedCount += 1
        if size > absoluteTolerance { largestRelativeError = max(largestRelativeError, error / size) }
        if ratio > (worst?.ratio ?? -1) {
            worst = Element(tensor: tensor, row: row, column: column, analytic: analytic, numeric: numeric, ratio: ratio)
        }
    }

    /// One line: the verdict, the count, the worst element and the tolerance.
    package var description: String {
        guard let worst else { return "gradient check: no element checked" }
        let verdict = passed ? "passed" : "FAILED"
        return "gradient check \(verdict) on \(checkedCount) elements; worst \(worst.tensor)[\(worst.row), \(worst.column)]: "
            + "analytic \(worst.analytic), numeric \(worst.numeric), error/tolerance \(worst.ratio) "
            + "(tolerance \(relativeTolerance)·max(|a|,|n|) + \(absoluteTolerance)); largest relative error \(largestRelativeError)"
    }
}
