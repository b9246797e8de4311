/// A time of day on a 24-hour clock, without a date or a time zone.
public struct ClockTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The hour, 0 through 23.
    public let hour: Int
    /// The minute, 0 through 59.
    public let minute: Int
    /// The second, 0 through 59.
    public let second: Int

    /// Creates a time, or `nil` when a field is out of range.
    public init?(hour: Int, minute: Int = 0, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since midnight.
    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    /// `HH:mm`, or `HH:mm:ss` when the seconds are not zero (ISO 8601).
    public var description: String {
        let base = "\(CivilDate.padded(hour, 2)):\(CivilDate.padded(minute, 2))"
        return second == 0 ? base : base + ":\(CivilDate.padded(second, 2))"
    }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }
}
