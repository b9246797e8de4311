/// Sibling slots that make one value, and that value: `depart_date.month_name`
/// "november" and `depart_date.day_number` "2nd" make the group `depart_date`
/// with the date `2026-11-02`.
public struct ValueGroup: Hashable, Sendable, Codable {
    /// The group's name: the members' label prefix (`depart_date`), or the
    /// label of the last member when the labels have no prefix (`fare_amount`).
    public let name: String
    /// The indices of the member slots, in the list of slots given (for a
    /// tagging result, in its `slots`), in order.
    public let members: [Int]
    /// The value the members resolve to together.
    public let value: SlotValue

    /// Creates a group.
    public init(name: String, members: [Int], value: SlotValue) {
        self.name = name
        self.members = members
        self.value = value
    }
}
