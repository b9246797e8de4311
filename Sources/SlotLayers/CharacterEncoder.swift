import SlotMath

/// Turns each word's characters into one vector: a character embedding read
/// by a BiLSTM whose two final states are concatenated (`2 × hidden` per word).
///
/// Spelling carries what a word id cannot: capitals, digits, suffixes, and
/// above all something for words never seen in training.
package struct CharacterEncoder: ParameterSet {
    /// The character vectors.
    package var embedding: Embedding
    /// The BiLSTM over each word's characters.
    package var encoder: BiLSTM

    /// The size of each word's vector, `2 × hidden`.
    package var outputSize: Int { encoder.outputSize }

    /// Creates an encoder for `characterCount` character ids.
    package init(characterCount: Int, dimension: Int, hiddenSize: Int, using generator: inout SplitMix64) {
        embedding = Embedding(count: characterCount, dimension: dimension, bound: (3 / Float(dimension)).squareRoot(), using: &generator)
        encoder = BiLSTM(inputSize: dimension, hiddenSize: hiddenSize, using: &generator)
    }

    /// Creates an encoder from its parts.
    package init(embedding: Embedding, encoder: BiLSTM) {
        self.embedding = embedding
        self.encoder = encoder
    }

    /// Visits `embedding.*` then `encoder.*`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try embedding.visitParameters { try body("embedding." + $0, &$1) }
        try encoder.visitParameters { try body("encoder." + $0, &$1) }
    }

    /// What the backward pass needs.
    package struct Cache: Sendable {
        /// All character ids of the batch, word after word.
        package let ids: [Int]
        /// The BiLSTM's cache.
        package let encoder: BiLSTM.Cache
    }

    /// Encodes a batch of words, each a non-empty list of character ids.
    /// - Returns: one row per word, `W × 2H`, and the cache.
    package func forward(_ words: [[Int]]) -> (output: Matrix, cache: Cache) {
        let ids = words.flatMap { $0 }
        let layout = SequenceLayout(lengths: words.map(\.count))
        let (_, cache) = encoder.forward(embedding(ids), layout: layout)
        return (encoder.finalStates(cache), Cache(ids: ids, encoder: cache))
    }

    /// Backpropagates `∂loss/∂output` (`W × 2H`) into a parameter gradient.
    package func backward(_ outputGradient: Matrix, cache: Cache) -> CharacterEncoder {
        let tokens = cache.ids.count
        let (inputGradient, encoderGradient) = encoder.backward(
            outputGradient: Matrix(rows: tokens, columns: encoder.outputSize), finalGradient: outputGradient,
            cache: cache.encoder)
        var embeddingGradient = Embedding(table: Matrix(rows: embedding.count, columns: embedding.dimension))
        embedding.accumulateGradient(ids: cache.ids, outputGradient: inputGradient, into: &embeddingGradient)
        return CharacterEncoder(embedding: embeddingGradient, encoder: encoderGradient)
    }
}
