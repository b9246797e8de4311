/// Chunk-level scores of one chunk type (a slot label without its `B-`/`I-` prefix).
///
/// ```
/// precision = 100 × correct / found     (0 when found = 0)
/// recall    = 100 × correct / support   (0 when support = 0)
/// f1        = 2 × precision × recall / (precision + recall)   (0 when both are 0)
/// ```
public struct LabelScore: Hashable, Sendable {
    /// The chunk type, e.g. `fromloc.city_name`.
    public let label: String
    /// Percentage of the predicted chunks of this type that are correct.
    public let precision: Double
    /// Percentage of the gold chunks of this type that were found.
    public let recall: Double
    /// Harmonic mean of ``precision`` and ``recall``, as a percentage.
    public let f1: Double
    /// The number of gold chunks of this type.
    public let support: Int
    /// The number of predicted chunks of this type.
    public let found: Int
    /// The number of predicted chunks of this type that match a gold chunk exactly.
    public let correct: Int

    /// Gold chunks of this type that the prediction did not match: `support - correct`.
    public var missed: Int { support - correct }

    /// Predicted chunks of this type that match no gold chunk: `found - correct`.
    public var spurious: Int { found - correct }

    /// Scores a chunk type from its counts, computing the percentages as conlleval does.
    ///
    /// - Parameters:
    ///   - label: The chunk type.
    ///   - support: Gold chunks of the type.
    ///   - found: Predicted chunks of the type.
    ///   - correct: Predicted chunks that match a gold chunk in start, end and type.
    public init(label: String, support: Int, found: Int, correct: Int) {
        precondition(correct >= 0 && correct <= support && correct <= found,
                     "correct chunks (\(correct)) cannot exceed gold (\(support)) or found (\(found)) chunks")
        self.label = label
        self.support = support
        self.found = found
        self.correct = correct
        precision = Percent.of(correct, in: found)
        recall = Percent.of(correct, in: support)
        f1 = Percent.harmonicMean(precision, recall)
    }

    /// Restores a score with the given values, as read back from a report.
    init(label: String, precision: Double, recall: Double, f1: Double, support: Int, found: Int, correct: Int) {
        self.label = label
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
        self.found = found
        self.correct = correct
    }
}
