/// Formats probabilities for output: rounded to a fixed number of decimals,
/// written as the shortest decimal that reads back as the rounded value.
enum Probability {
    /// `value` rounded to `decimals` places, as text (`0.9712`, `1.0`, `0.0`).
    ///
    /// - Parameters:
    ///   - value: a probability.
    ///   - decimals: how many decimal places to keep.
    /// - Returns: the text, valid as a JSON number.
    static func text(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded == 0 ? 0 : rounded)"
    }
}
