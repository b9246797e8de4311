/// A list of strings with dense integer ids, reserved ids for padding and
/// unknown entries, and how often each entry was seen when it was built.
///
/// Id 0 is `<pad>`, id 1 is `<unk>`; entries from the data start at
/// ``firstWordId``, most frequent first (ties in string order), so building
/// from the same data always gives the same ids.
public struct Vocabulary: Hashable, Sendable {
    /// The padding entry's id.
    public static let paddingId = 0
    /// The unknown entry's id, returned for strings not in the vocabulary.
    public static let unknownId = 1
    /// The first id of a real entry.
    public static let firstWordId = 2
    /// The padding entry's text.
    public static let padding = "<pad>"
    /// The unknown entry's text.
    public static let unknown = "<unk>"

    /// The entries in id order, starting with `<pad>` and `<unk>`.
    public let entries: [String]
    /// How often each entry was counted (0 for the special entries and for
    /// entries decoded from a model file).
    public let frequencies: [Int]
    private let index: [String: Int]

    /// Creates a vocabulary from entries in id order (the special entries are
    /// added in front) and their counts.
    /// - Throws: ``VocabularyError/duplicateEntry(_:)`` when an entry repeats or is a special entry.
    public init(words: [String], frequencies: [Int]? = nil) throws(VocabularyError) {
        precondition(frequencies == nil || frequencies?.count == words.count, "one frequency per word")
        var index: [String: Int] = [Self.padding: Self.paddingId, Self.unknown: Self.unknownId]
        index.reserveCapacity(words.count + 2)
        for (offset, word) in words.enumerated() {
            guard index.updateValue(offset + Self.firstWordId, forKey: word) == nil else {
                throw .duplicateEntry(word)
            }
        }
        self.index = index
        entries = [Self.padding, Self.unknown] + words
        self.frequencies = [0, 0] + (frequencies ?? [Int](repeating: 0, count: words.count))
    }

    /// The number of entries, special entries included.
    public var count: Int { entries.count }

    /// The id of `entry`, or ``unknownId`` when it is not in the vocabulary.
    @inlinable
    public func id(of entry: String) -> Int {
        lookup(entry) ?? Self.unknownId
    }

    /// The id of `entry`, or `nil` when it is not in the vocabulary.
    public func lookup(_ entry: String) -> Int? {
        index[entry]
    }

    /// How often the entry with `id` was counted when the vocabulary was built.
    public func frequency(of id: Int) -> Int {
        frequencies[id]
    }

    /// The text of the entry with `id`.
    public func entry(at id: Int) -> String {
        entries[id]
    }
}

extension Vocabulary: Codable {
    private enum CodingKeys: String, CodingKey {
        case entries, frequencies
    }

    /// Decodes `{"entries": [...], "frequencies": [...]}` where `entries`
    /// excludes the two special entries.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([String].self, forKey: .entries)
        let frequencies = try container.decodeIfPresent([Int].self, forKey: .frequencies)
        if let frequencies, frequencies.count != words.count {
            throw DecodingError.dataCorruptedError(
                forKey: .frequencies, in: container, debugDescription: "one frequency per entry is needed")
        }
        do {
            try self.init(words: words, frequencies: frequencies)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .entries, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the entries after the two special ones, and their frequencies.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Array(entries.dropFirst(Self.firstWordId)), forKey: .entries)
        try container.encode(Array(frequencies.dropFirst(Self.firstWordId)), forKey: .frequencies)
    }
}
