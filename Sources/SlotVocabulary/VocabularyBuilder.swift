/// Counts strings, then turns the counts into a ``Vocabulary``.
public struct VocabularyBuilder: Sendable {
    private var counts: [String: Int] = [:]

    /// Creates an empty builder.
    public init() {}

    /// Counts one occurrence of `entry`.
    public mutating func add(_ entry: String) {
        counts[entry, default: 0] += 1
    }

    /// The vocabulary of entries counted at least `minimumCount` times, most
    /// frequent first, ties in string order.
    public func build(minimumCount: Int = 1) -> Vocabulary {
        let kept = counts.filter { $0.value >= minimumCount && $0.key != Vocabulary.padding && $0.key != Vocabulary.unknown }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        do {
            return try Vocabulary(words: kept.map(\.key), frequencies: kept.map(\.value))
        } catch {
            preconditionFailure("counted entries are unique: \(error)")
        }
    }
}
