/// How often one gold label was predicted as another: one cell of a confusion table.
public struct LabelConfusion: Hashable, Sendable, Codable {
    /// The gold label (a token's tag such as `B-toloc.city_name`, or an intent).
    public let gold: String
    /// The label predicted instead (`""` for a sentence predicted without an intent).
    public let predicted: String
    /// How many times this error occurred.
    public let count: Int

    /// Creates one confusion cell.
    ///
    /// - Parameters:
    ///   - gold: The gold label.
    ///   - predicted: The label predicted instead.
    ///   - count: How many times this happened.
    public init(gold: String, predicted: String, count: Int) {
        self.gold = gold
        self.predicted = predicted
        self.count = count
    }

    /// Orders cells by count, most frequent first, then by gold and predicted label.
    static func mostFrequentFirst(_ lhs: LabelConfusion, _ rhs: LabelConfusion) -> Bool {
        if lhs.count != rhs.count { return lhs.count > rhs.count }
        if lhs.gold != rhs.gold { return lhs.gold < rhs.gold }
        return lhs.predicted < rhs.predicted
    }
}
