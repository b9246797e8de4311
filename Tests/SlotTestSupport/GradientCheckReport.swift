/// The outcome of a ``GradientCheck``: how many elements were checked and the
/// one that came closest to (or furthest past) the tolerance.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
    /// One checked element.
    public struct Element: Sendable {
        /// The tensor's name.
        public var tensor: String
        /// The element's row.
        public var row: Int
        /// The element's column.
        public var column: Int
        /// The analytic derivative.
        public var analytic: Double
        /// The finite-difference derivative.
        public var numeric: Double
        /// `|a − n|` divided by the element's tolerance: above 1 fails.
        public var ratio: Double
    }

    /// The absolute part of the tolerance used.
    public let absoluteTolerance: Double
    /// The relative part of the tolerance used.
    public let relativeTolerance: Double
    /// The number of elements checked.
    public private(set) var checkedCount = 0
    /// The element with the largest ratio of error to tolerance.
    public private(set) var worst: Element?
    /// The largest relative error `|a − n| / max(|a|, |n|)` among elements
    /// where `max(|a|, |n|)` exceeds the absolute tolerance (for information).
    public private(set) var largestRelativeError = 0.0

    init(absoluteTolerance: Double, relativeTolerance: Double) {
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Whether at least one element was checked and every one was within tolerance.
    public var passed: Bool {
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
    public var description: String {
        guard let worst else { return "gradient check: no element checked" }
        let verdict = passed ? "passed" : "FAILED"
        return "gradient check \(verdict) on \(checkedCount) elements; worst \(worst.tensor)[\(worst.row), \(worst.column)]: "
            + "analytic \(worst.analytic), numeric \(worst.numeric), error/tolerance \(worst.ratio) "
            + "(tolerance \(relativeTolerance)·max(|a|,|n|) + \(absoluteTolerance)); largest relative error \(largestRelativeError)"
    }
}
