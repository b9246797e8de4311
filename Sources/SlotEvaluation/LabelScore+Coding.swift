extension LabelScore {
    /// The members of a score's JSON object, in the order they are written; the
    /// label is not among them: it is the key the object is stored under.
    enum CodingKeys: String, CodingKey {
        case precision, recall, f1, support, found, correct
    }

    /// Writes the score's numbers into its JSON object.
    ///
    /// - Parameter container: The object to write to.
    /// - Throws: Whatever the encoder throws.
    func encodeMembers(to container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(support, forKey: .support)
        try container.encode(found, forKey: .found)
        try container.encode(correct, forKey: .correct)
    }

    /// Reads a score back from its JSON object, as written by ``encodeMembers(to:)``.
    ///
    /// - Parameters:
    ///   - label: The chunk type or class the object is stored under.
    ///   - container: The object to read.
    /// - Throws: `DecodingError` when a member is missing or has the wrong type.
    init(label: String, members container: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(
            label: label,
            precision: try container.decode(Double.self, forKey: .precision),
            recall: try container.decode(Double.self, forKey: .recall),
            f1: try container.decode(Double.self, forKey: .f1),
            support: try container.decode(Int.self, forKey: .support),
            found: try container.decode(Int.self, forKey: .found),
            correct: try container.decode(Int.self, forKey: .correct))
    }
}
