/// A configuration value outside what the toolkit accepts: a size that is not
/// positive or too large to allocate, a probability of 1, a rate that is not
/// finite, a label listed twice.
package struct ValueViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The value's key, e.g. `architecture.hiddenSize` or `learningRate`.
    package var key: String
    /// The value as given.
    package var value: String
    /// What it must be, e.g. `an integer from 1 to 1024`.
    package var requirement: String

    /// Creates a violation.
    package init(key: String, value: String, requirement: String) {
        self.key = key
        self.value = value
        self.requirement = requirement
    }

    /// `key is value; it must be requirement`.
    package var description: String { "\(key) is \(value); it must be \(requirement)" }

    /// Checks that an integer lies in a closed range.
    package static func check(_ value: Int, _ range: ClosedRange<Int>, key: String) throws(ValueViolation) {
        guard range.contains(value) else {
            throw ValueViolation(key: key, value: "\(value)", requirement: "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// Checks that a number is finite and lies in a range, open at the top when `belowUpper`.
    package static func check<Number: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: Number, from lower: Number, to upper: Number, belowUpper: Bool = false, aboveLower: Bool = false,
        key: String
    ) throws(ValueViolation) {
        let fitsLower = aboveLower ? value > lower : value >= lower
        let fitsUpper = belowUpper ? value < upper : value <= upper
        guard value.isFinite, fitsLower, fitsUpper else {
            let low = aboveLower ? "above \(lower)" : "at least \(lower)"
            let high = belowUpper ? "below \(upper)" : "at most \(upper)"
            throw ValueViolation(key: key, value: "\(value)", requirement: "a finite number \(low) and \(high)")
        }
    }
}
