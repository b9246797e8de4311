/// The calibration of a model's confidences on a labelled corpus: its intent
/// confidences (the top intent's probability against whether that intent is
/// the gold one) and its chunk confidences (each predicted slot's
/// probability against whether a gold chunk has exactly its tokens and type).
public struct CalibrationReport: Hashable, Sendable, Codable {
    /// The reliability of the intent confidences, `nil` when the data or the model has no intents.
    public let intents: Reliability?
    /// The reliability of the predicted chunks' confidences.
    public let chunks: Reliability

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - intents: the intent confidences' reliability, or `nil`.
    ///   - chunks: the chunk confidences' reliability.
    public init(intents: Reliability?, chunks: Reliability) {
        self.intents = intents
        self.chunks = chunks
    }
}
