import SlotMath
import SlotLayers

/// The encoder inputs that come from a token's neighbours: bigram vectors and
/// soft-word position vectors (see ``ContextFeaturizer``), concatenated per
/// token after the word and character features.
///
/// ```
/// next:  x_t = [B[b_{t+1}] ; S[s_t]]            b_{t+1} = bigram c_t c_{t+1}
/// both:  x_t = [B[b_t] ; B[b_{t+1}] ; S[s_t]]   b_t = bigram c_{t-1} c_t
/// ```
/// Both lookups of `both` read one table `B`, so a bigram has one vector
/// whichever side of it the token stands on.
package struct ContextFeatures: ParameterSet {
    /// Bigram vectors (absent when ``Architecture/bigramDimension`` is 0).
    package var bigrams: Embedding?
    /// Soft-word position vectors (absent when ``Architecture/softwordDimension`` is 0).
    package var softwords: Embedding?
    /// Which bigrams each token reads.
    package let bigramContext: Architecture.BigramContext

    /// Creates the features `architecture` asks for, or `nil` when it asks for none.
    /// - Parameters:
    ///   - architecture: the sizes (``Architecture/bigramDimension``, ``Architecture/softwordDimension``).
    ///   - bigramCount: the bigram vocabulary's size.
    ///   - generator: the source of the initial vectors.
    package init?(architecture: Architecture, bigramCount: Int, using generator: inout SplitMix64) {
        guard architecture.bigramDimension > 0 || architecture.softwordDimension > 0 else { return nil }
        bigramContext = architecture.bigramContext
        bigrams = architecture.bigramDimension > 0
            ? Embedding(count: bigramCount, dimension: architecture.bigramDimension,
                        bound: (3 / Float(architecture.bigramDimension)).squareRoot(), using: &generator)
            : nil
        softwords = architecture.softwordDimension > 0
            ? Embedding(count: ContextFeaturizer.wordPositionRows, dimension: architecture.softwordDimension,
                        bound: (3 / Float(architecture.softwordDimension)).squareRoot(), using: &generator)
            : nil
    }

    /// The number of bigram lookups per token.
    private var bigramsPerToken: Int { bigramContext == .both ? 2 : 1 }

    /// The size of each token's vector.
    package var outputSize: Int { (bigrams?.dimension ?? 0) * bigramsPerToken + (softwords?.dimension ?? 0) }

    /// Visits `bigrams.table` and `softwords.table`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try bigrams?.visitParameters { try body("bigrams." + $0, &$1) }
        try softwords?.visitParameters { try body("softwords." + $0, &$1) }
    }

    /// The features of a batch, sentence after sentence: `tokens × outputSize`.
    /// - Precondition: each sentence has the ids these features read.
    package func callAsFunction(_ batch: [EncodedSentence]) -> Matrix {
        var parts: [Matrix] = []
        if let bigrams {
            for ids in bigramLookups(batch) { parts.append(bigrams(ids)) }
        }
        if let softwords { parts.append(softwords(softwordIds(batch))) }
        return parts.dropFirst().reduce(parts[0]) { Matrix.concatenatingColumns($0, $1) }
    }

    /// The gradient of the tables given `∂loss/∂output` for `batch`.
    /// - Parameters:
    ///   - outputGradient: `tokens × outputSize`.
    ///   - batch: the sentences of the forward pass.
    /// - Returns: a value whose tables are the tables' gradients.
    package func backward(_ outputGradient: Matrix, batch: [EncodedSentence]) -> ContextFeatures {
        var gradient = zeroed
        var column = 0
        if let bigrams {
            for ids in bigramLookups(batch) {
                let part = outputGradient.columns(column ..< column + bigrams.dimension)
                bigrams.accumulateGradient(ids: ids, outputGradient: part, into: &gradient.bigrams!)
                column += bigrams.dimension
            }
        }
        if let softwords {
            let part = outputGradient.columns(column ..< column + softwords.dimension)
            softwords.accumulateGradient(ids: softwordIds(batch), outputGradient: part, into: &gradient.softwords!)
        }
        return gradient
    }

    /// The bigram ids each token reads, one list per lookup (the bigram the
    /// token ends, when read, then the one it starts), each with one id per token.
    private func bigramLookups(_ batch: [EncodedSentence]) -> [[Int]] {
        var ending: [Int] = [], starting: [Int] = []
        for sentence in batch where sentence.count > 0 {
            precondition(sentence.bigramIds.count == sentence.count + 1, "a sentence needs count + 1 bigram ids")
            ending.append(contentsOf: sentence.bigramIds.dropLast())
            starting.append(contentsOf: sentence.bigramIds.dropFirst())
        }
        return bigramContext == .both ? [ending, starting] : [starting]
    }

    private func softwordIds(_ batch: [EncodedSentence]) -> [Int] {
        batch.flatMap { sentence in
            precondition(sentence.softwordIds.count == sentence.count, "a sentence needs one soft-word id per token")
            return sentence.softwordIds
        }
    }
}
