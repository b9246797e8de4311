import SlotMath
import SlotLayers

extension TaggingNetwork {
    /// The intent logits of a batch: ``vectorIntent``'s, from the last encoder
    /// layer's outputs and the sentences' pretrained vectors, when the network
    /// has it, else ``intent``'s, from the outputs alone.
    ///
    /// - Parameters:
    ///   - features: the last encoder layer's outputs, `N × 2H`.
    ///   - sentences: the rows of each sentence.
    ///   - batch: the sentences themselves.
    ///   - strategy: how the head's matrix products are computed (``GEMM/Strategy``).
    /// - Returns: `B × intents` logits, or `nil` for a network without an intent head.
    package func intentLogits(
        _ features: Matrix, sentences: [Range<Int>], batch: [EncodedSentence], strategy: GEMM.Strategy = .blas
    ) -> Matrix? {
        if let vectorIntent {
            return vectorIntent(features, sentences: sentences, sentenceFeatures: intentSentenceFeatures(batch), strategy: strategy)
        }
        return intent?(features, sentences: sentences, strategy: strategy)
    }

    /// The fixed features ``vectorIntent`` reads beside the pooled encoder
    /// outputs when only the intents read the pretrained vectors
    /// (``Architecture/PretrainedInput/intent``): per sentence, the mean of its
    /// tokens' pretrained vectors, then the maximum of each column, over the
    /// tokens that have one (zeros when none has).
    ///
    /// - Parameter batch: the sentences, with ``EncodedSentence/pretrainedRows``.
    /// - Returns: `B × 2P`, or `nil` when no intent head reads sentence features.
    package func intentSentenceFeatures(_ batch: [EncodedSentence]) -> Matrix? {
        guard architecture.pretrainedInput == .intent, let pretrained else { return nil }
        let dimension = pretrained.dimension
        var features = Matrix(rows: batch.count, columns: 2 * dimension)
        var vector = [Float](repeating: 0, count: dimension)
        features.withUnsafeMutableBufferPointer { features in
            vector.withUnsafeMutableBufferPointer { vector in
                for (b, sentence) in batch.enumerated() {
                    let mean = features.baseAddress! + b * 2 * dimension, maximum = mean + dimension
                    var known = 0
                    for row in sentence.pretrainedRows {
                        guard let row else { continue }
                        pretrained.copyRow(row, to: vector.baseAddress!)
                        for column in 0..<dimension {
                            mean[column] += vector[column]
                            maximum[column] = known == 0 ? vector[column] : max(maximum[column], vector[column])
                        }
                        known += 1
                    }
                    guard known > 0 else { continue }
                    let inverse = 1 / Float(known)
                    for column in 0..<dimension { mean[column] *= inverse }
                }
            }
        }
        return features
    }
}
