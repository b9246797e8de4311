/// Percentages computed with conlleval.pl's operations in its order, so that
/// the results agree with its output to the last printed digit.
enum Percent {
    /// `100 × part / whole`, or 0 when `whole` is 0.
    static func of(_ part: Int, in whole: Int) -> Double {
        whole > 0 ? 100 * Double(part) / Double(whole) : 0
    }

    /// `2 × p × r / (p + r)`, or 0 when `p + r` is 0.
    static func harmonicMean(_ precision: Double, _ recall: Double) -> Double {
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }
}
