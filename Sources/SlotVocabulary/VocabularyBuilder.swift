/// Counts normalised strings and their Unicode scalars as a corpus streams by,
/// then makes the word and character vocabularies from the counts.
///
/// ```swift
/// var builder = VocabularyBuilder()
/// for sentence in corpus { builder.add(contentsOf: sentence.tokens.map { normaliser($0.text) }) }
/// let words = builder.makeVocabulary(minimumCount: 1)
/// let characters = builder.makeCharacterVocabulary()
/// ```
package struct VocabularyBuilder: Sendable {
    /// How often each string has been added.
    package private(set) var counts: [String: Int] = [:]
    /// How often each Unicode scalar has occurred in the added strings.
    package private(set) var scalarCounts: [Unicode.Scalar: Int] = [:]
    /// The number of strings added (with repetitions).
    package private(set) var total = 0

    /// Creates an empty builder.
    package init() {}

    /// Counts one occurrence of `string` and of each of its Unicode scalars.
    package mutating func add(_ string: String) {
        counts[string, default: 0] += 1
        for scalar in string.unicodeScalars { scalarCounts[scalar, default: 0] += 1 }
        total += 1
    }

    /// Counts one occurrence of each string in `strings`.
    package mutating func add(contentsOf strings: some Sequence<String>) {
        for string in strings { add(string) }
    }

    /// The word vocabulary of the strings counted at least `minimumCount` times
    /// (see ``Vocabulary/init(counts:minimumCount:maximumSize:)``).
    package func makeVocabulary(minimumCount: Int = 1, maximumSize: Int? = nil) -> Vocabulary {
        Vocabulary(counts: counts, minimumCount: minimumCount, maximumSize: maximumSize)
    }

    /// The character vocabulary of the scalars counted at least `minimumCount`
    /// times (see ``CharacterVocabulary/init(counts:minimumCount:)``).
    package func makeCharacterVocabulary(minimumCount: Int = 1) -> CharacterVocabulary {
        CharacterVocabulary(counts: scalarCounts, minimumCount: minimumCount)
    }
}
