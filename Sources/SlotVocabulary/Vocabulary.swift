import SlotMath

/// An ordered list of already-normalised strings with dense ids, used to turn
/// tokens into embedding rows.
///
/// Id 0 is padding (``paddingEntry``, `<pad>`) and id 1 stands for every
/// string not in the list (``unknownEntry``, `<unk>`); the remaining entries
/// follow by decreasing training count, ties broken by the strings' order, so
/// that the same counts always give the same ids. Look-ups are one dictionary
/// probe. The vocabulary works on normalised strings: the model applies the
/// tokenizer's normaliser before calling ``id(of:)``.
///
/// The training counts are kept for unknown-word dropout (see
/// ``trainingID(of:singletonDropout:using:)``) but are not part of the
/// vocabulary's identity: two vocabularies are equal when they give the same
/// strings the same ids, and the `Codable` form (a JSON array of the entries,
/// as the model's `config.json` stores it) leaves the counts out.
package struct Vocabulary: Hashable, Sendable {
    /// The id of the padding entry, 0.
    package static let paddingID = 0
    /// The id every unknown string maps to, 1.
    package static let unknownID = 1
    /// The padding entry's text, `<pad>`.
    package static let paddingEntry = "<pad>"
    /// The unknown entry's text, `<unk>`.
    package static let unknownEntry = "<unk>"

    /// The entries in id order, the two special entries first.
    package private(set) var entries: [String]
    /// The training count of each id (0 for the special entries, for words
    /// added later, and for every entry of a decoded vocabulary).
    package private(set) var counts: [Int]
    private var index: [String: Int]

    /// Creates the vocabulary of the strings counted at least `minimumCount` times.
    ///
    /// Entries are ordered by decreasing count, then by string; the special
    /// entries' texts are skipped if they occur among the counted strings.
    /// - Parameters:
    ///   - counts: how often each normalised string occurred in training.
    ///   - minimumCount: the smallest count a string needs to get its own id.
    ///   - maximumSize: if given, keep at most this many entries in total
    ///     (special entries included), dropping the rarest.
    package init(counts: [String: Int], minimumCount: Int = 1, maximumSize: Int? = nil) {
        precondition(minimumCount >= 1, "the minimum count must be at least 1")
        precondition(maximumSize.map { $0 >= 2 } ?? true, "a vocabulary holds at least its 2 special entries")
        let kept = counts
            .filter { $0.value >= minimumCount && $0.key != Self.paddingEntry && $0.key != Self.unknownEntry }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let limit = maximumSize.map { $0 - 2 } ?? kept.count
        let chosen = kept.prefix(limit)
        entries = [Self.paddingEntry, Self.unknownEntry] + chosen.map(\.key)
        self.counts = [0, 0] + chosen.map(\.value)
        index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1, $0) })
    }

    /// Creates a vocabulary from its entries in id order (counts all 0), as
    /// stored in a model's configuration.
    /// - Throws: ``VocabularyError/missingSpecialEntry(expected:id:found:)`` when
    ///   entries 0 and 1 are not `<pad>` and `<unk>`, and
    ///   ``VocabularyError/duplicateEntry(_:firstID:secondID:)`` when a string repeats.
    package init(entries: [String]) throws(VocabularyError) {
        for (id, special) in [Self.paddingEntry, Self.unknownEntry].enumerated() where entries.count <= id || entries[id] != special {
            throw .missingSpecialEntry(expected: special, id: id, found: id < entries.count ? entries[id] : nil)
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (id, entry) in entries.enumerated() {
            if let first = index.updateValue(id, forKey: entry) {
                throw .duplicateEntry(entry, firstID: first, secondID: id)
            }
        }
        self.entries = entries
        self.counts = [Int](repeating: 0, count: entries.count)
        self.index = index
    }

    /// The number of entries, special entries included: the embedding's row count.
    package var count: Int { entries.count }

    /// The id of `string`, or ``unknownID`` when it is not in the vocabulary.
    package func id(of string: String) -> Int {
        lookUp(string) ?? Self.unknownID
    }

    /// The id of `string` if it is in the vocabulary.
    package func lookUp(_ string: String) -> Int? {
        index[string]
    }

    /// Whether `string` has its own id.
    package func contains(_ string: String) -> Bool {
        index[string] != nil
    }

    /// The entry with id `id`.
    /// - Precondition: `0 <= id < count`.
    package func entry(at id: Int) -> String {
        entries[id]
    }

    /// The training count of the entry with id `id`.
    /// - Precondition: `0 <= id < count`.
    package func count(of id: Int) -> Int {
        counts[id]
    }

    /// The id of `string` during training, with unknown-word dropout: a string
    /// seen exactly once in training is replaced by ``unknownID`` with
    /// probability `singletonDropout`, so that the model learns what to do with
    /// unknown words from the rarest known ones.
    /// - Parameters:
    ///   - string: the normalised token.
    ///   - singletonDropout: the replacement probability in `[0, 1]`.
    ///   - generator: the seeded source of randomness (drawn from only for singletons).
    /// - Returns: the string's id, or ``unknownID``.
    package func trainingID(of string: String, singletonDropout: Float, using generator: inout SplitMix64) -> Int {
        let id = id(of: string)
        if counts[id] == 1 && generator.nextUnitFloat() < singletonDropout {
            return Self.unknownID
        }
        return id
    }

    /// Adds `string` at the end with count 0 unless it is already present.
    /// - Returns: the string's id.
    @discardableResult
    package mutating func append(_ string: String) -> Int {
        if let id = index[string] { return id }
        let id = entries.count
        entries.append(string)
        counts.append(0)
        index[string] = id
        return id
    }

    /// Two vocabularies are equal when they hold the same entries in the same
    /// order; counts are ignored.
    package static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.entries == rhs.entries
    }

    /// Hashes the entries in order.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
    }
}
