/// Dense ids for the Unicode scalars of tokens, the input of the character encoder.
///
/// Ids 0–3 are special: padding (`<pad>`), unknown scalar (`<unk>`), and the
/// word-boundary markers `<w>` and `</w>` that a character encoder may put
/// around each token. The scalars seen in training follow by decreasing count,
/// ties broken by scalar value. A token is read scalar by scalar
/// (`token.unicodeScalars`), so an accented letter written with a combining
/// mark gives two ids and an emoji with a skin-tone modifier gives two; the
/// ASCII range is looked up in a table, everything else in a dictionary.
package struct CharacterVocabulary: Hashable, Sendable {
    /// The id of the padding entry, 0.
    package static let paddingID = 0
    /// The id of every scalar not in the vocabulary, 1.
    package static let unknownID = 1
    /// The id of the begin-of-word marker, 2.
    package static let beginID = 2
    /// The id of the end-of-word marker, 3.
    package static let endID = 3
    /// The special entries' texts in id order: `<pad>`, `<unk>`, `<w>`, `</w>`.
    package static let specialEntries = ["<pad>", "<unk>", "<w>", "</w>"]

    /// The scalars with their own ids, in id order: scalar `scalars[k]` has id `k + 4`.
    package let scalars: [Unicode.Scalar]
    private let index: [Unicode.Scalar: Int]
    private let asciiIDs: [Int]

    /// Creates the vocabulary of the scalars counted at least `minimumCount` times,
    /// ordered by decreasing count, then by scalar value.
    package init(counts: [Unicode.Scalar: Int], minimumCount: Int = 1) {
        precondition(minimumCount >= 1, "the minimum count must be at least 1")
        let kept = counts
            .filter { $0.value >= minimumCount }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.value < $1.key.value }
            .map(\.key)
        self.init(uniqueScalars: kept)
    }

    /// Creates a vocabulary from its entries in id order, as stored in a model's
    /// configuration: the four special entries, then one scalar per entry.
    /// - Throws: ``VocabularyError/missingSpecialEntry(expected:id:found:)``,
    ///   ``VocabularyError/notASingleScalar(_:id:)`` or
    ///   ``VocabularyError/duplicateEntry(_:firstID:secondID:)``.
    package init(entries: [String]) throws(VocabularyError) {
        let specialCount = Self.specialEntries.count
        for (id, special) in Self.specialEntries.enumerated() where entries.count <= id || entries[id] != special {
            throw .missingSpecialEntry(expected: special, id: id, found: id < entries.count ? entries[id] : nil)
        }
        var scalars: [Unicode.Scalar] = []
        var seen: [Unicode.Scalar: Int] = [:]
        for (id, entry) in entries.enumerated().dropFirst(specialCount) {
            let entryScalars = entry.unicodeScalars
            guard entryScalars.count == 1, let scalar = entryScalars.first else {
                throw .notASingleScalar(entry, id: id)
            }
            if let first = seen.updateValue(id, forKey: scalar) {
                throw .duplicateEntry(entry, firstID: first, secondID: id)
            }
            scalars.append(scalar)
        }
        self.init(uniqueScalars: scalars)
    }

    private init(uniqueScalars scalars: [Unicode.Scalar]) {
        let offset = Self.specialEntries.count
        self.scalars = scalars
        var index: [Unicode.Scalar: Int] = [:]
        index.reserveCapacity(scalars.count)
        var asciiIDs = [Int](repeating: Self.unknownID, count: 128)
        for (position, scalar) in scalars.enumerated() {
            index[scalar] = position + offset
            if scalar.isASCII { asciiIDs[Int(scalar.value)] = position + offset }
        }
        self.index = index
        self.asciiIDs = asciiIDs
    }

    /// The number of ids, special entries included: the character embedding's row count.
    package var count: Int { scalars.count + Self.specialEntries.count }

    /// The entries in id order: the special entries' texts, then each scalar as a string.
    package var entries: [String] {
        Self.specialEntries + scalars.map { String($0) }
    }

    /// The id of `scalar`, or ``unknownID`` when it is not in the vocabulary.
    @inline(__always)
    package func id(of scalar: Unicode.Scalar) -> Int {
        scalar.isASCII ? asciiIDs[Int(scalar.value)] : index[scalar] ?? Self.unknownID
    }

    /// The ids of `token`'s Unicode scalars, in order.
    /// - Parameters:
    ///   - token: a normalised token.
    ///   - markingBoundaries: put ``beginID`` before and ``endID`` after the scalars.
    package func ids(of token: String, markingBoundaries: Bool = false) -> [Int] {
        var result: [Int] = []
        appendIDs(of: token, markingBoundaries: markingBoundaries, to: &result)
        return result
    }

    /// Appends the ids of `token`'s Unicode scalars to `result` (see
    /// ``ids(of:markingBoundaries:)``), so that a batch's ids can be gathered into
    /// one reused array.
    package func appendIDs(of token: String, markingBoundaries: Bool = false, to result: inout [Int]) {
        if markingBoundaries { result.append(Self.beginID) }
        for scalar in token.unicodeScalars { result.append(id(of: scalar)) }
        if markingBoundaries { result.append(Self.endID) }
    }

    /// The entry with id `id`: a special entry's text or the scalar as a string.
    /// - Precondition: `0 <= id < count`.
    package func entry(at id: Int) -> String {
        id < Self.specialEntries.count ? Self.specialEntries[id] : String(scalars[id - Self.specialEntries.count])
    }

    /// Two character vocabularies are equal when they give the same scalars the same ids.
    package static func == (lhs: CharacterVocabulary, rhs: CharacterVocabulary) -> Bool {
        lhs.scalars == rhs.scalars
    }

    /// Hashes the scalars in id order.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(scalars)
    }
}
