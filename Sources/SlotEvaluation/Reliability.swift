/// How well confidences mean what they say: predictions grouped into equal-
/// width confidence bins, each bin's mean confidence beside its accuracy, and
/// the expected calibration error.
///
/// With `N` predictions, bin `b` holding the `n_b` predictions whose
/// confidence lies in `[b/B, (b+1)/B)` (the last bin also holds 1):
/// ```
/// ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b|     (a percentage here, 0 to 100)
/// ```
/// A perfectly calibrated model's `p`-confident answers are right a fraction
/// `p` of the time, and its ECE is 0.
public struct Reliability: Hashable, Sendable, Codable {
    /// One confidence bin.
    public struct Bin: Hashable, Sendable, Codable {
        /// The bin's lower bound (inclusive).
        public let lower: Double
        /// The bin's upper bound (exclusive, except for the last bin, which holds 1).
        public let upper: Double
        /// The number of predictions in the bin.
        public let count: Int
        /// Their mean confidence (0 when the bin is empty).
        public let confidence: Double
        /// The fraction of them that are right (0 when the bin is empty).
        public let accuracy: Double
    }

    /// The bins, lowest confidence first.
    public let bins: [Bin]
    /// The number of predictions.
    public let count: Int
    /// The expected calibration error, as a percentage.
    public let expectedCalibrationError: Double
    /// The mean confidence over all predictions (0 when there are none).
    public let meanConfidence: Double
    /// The fraction of predictions that are right (0 when there are none).
    public let accuracy: Double

    /// Bins predictions by confidence.
    ///
    /// - Parameters:
    ///   - confidences: each prediction's confidence, in `[0, 1]`.
    ///   - correct: whether each prediction is right, in the same order.
    ///   - binCount: the number of equal-width bins, at least 1 (10 by convention).
    public init(confidences: [Double], correct: [Bool], binCount: Int = 10) {
        precondition(confidences.count == correct.count, "\(confidences.count) confidences for \(correct.count) outcomes")
        precondition(binCount > 0, "reliability needs at least one bin")
        var counts = [Int](repeating: 0, count: binCount)
        var sums = [Double](repeating: 0, count: binCount)
        var rights = [Int](repeating: 0, count: binCount)
        for (confidence, isRight) in zip(confidences, correct) {
            let bin = min(binCount - 1, max(0, Int(confidence * Double(binCount))))
            counts[bin] += 1
            sums[bin] += confidence
            if isRight { rights[bin] += 1 }
        }
        let total = confidences.count
        var error = 0.0
        bins = (0..<binCount).map { bin in
            let count = counts[bin]
            let confidence = count > 0 ? sums[bin] / Double(count) : 0
            let accuracy = count > 0 ? Double(rights[bin]) / Double(count) : 0
            error += Double(count) * abs(accuracy - confidence)
            return Bin(
                lower: Double(bin) / Double(binCount), upper: Double(bin + 1) / Double(binCount),
                count: count, confidence: confidence, accuracy: accuracy)
        }
        count = total
        expectedCalibrationError = total > 0 ? 100 * error / Double(total) : 0
        meanConfidence = total > 0 ? sums.reduce(0, +) / Double(total) : 0
        accuracy = total > 0 ? Double(rights.reduce(0, +)) / Double(total) : 0
    }
}
