/// A label sequence chosen by a decoder, with its score and probability.
package struct CRFPath: Hashable, Sendable {
    /// One label index per token.
    package var labels: [Int]
    /// The sequence's score `start + Σ emissions + Σ transitions + end`
    /// (`-infinity` when it breaks the decoder's constraints).
    package var score: Double
    /// `p(labels | emissions) = exp(score − log Z)`, over the sequences the
    /// decoder's constraints allow.
    package var probability: Double

    /// Creates a path.
    ///
    /// - Parameters:
    ///   - labels: one label index per token.
    ///   - score: the sequence's score.
    ///   - probability: the sequence's probability.
    package init(labels: [Int], score: Double, probability: Double) {
        self.labels = labels
        self.score = score
        self.probability = probability
    }
}
