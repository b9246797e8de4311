#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The moment relative phrases ("tomorrow", "next friday", "in 2 hours") are
/// resolved against: a local date and time and the UTC offset of the time
/// zone they are read in.
///
/// ```swift
/// // A backend with Foundation: the user's time zone at the moment of the request.
/// let now = Date()
/// let reference = ReferenceTime(
///     unixTime: Int(now.timeIntervalSince1970),
///     utcOffsetSeconds: TimeZone(identifier: "Europe/Paris")!.secondsFromGMT(for: now))
/// ```
public struct ReferenceTime: Hashable, Sendable, Codable {
    /// The local date.
    public let date: CivilDate
    /// The local time of day.
    public let time: ClockTime
    /// Seconds east of UTC of the time zone (`3600` for UTC+01:00).
    public let utcOffsetSeconds: Int

    /// Creates a reference from its local date and time.
    ///
    /// - Parameters:
    ///   - date: the local date.
    ///   - time: the local time of day (default midnight).
    ///   - utcOffsetSeconds: seconds east of UTC (default 0, UTC).
    public init(date: CivilDate, time: ClockTime = ClockTime(hour: 0)!, utcOffsetSeconds: Int = 0) {
        self.date = date
        self.time = time
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Creates a reference from a moment (seconds since 1970-01-01T00:00:00Z)
    /// seen in a time zone `utcOffsetSeconds` east of UTC.
    public init(unixTime: Int, utcOffsetSeconds: Int = 0) {
        let local = unixTime + utcOffsetSeconds
        let days = CivilDate.floorDivide(local, 86_400)
        let seconds = local - days * 86_400
        self.init(
            date: CivilDate(daysSinceEpoch: days),
            time: ClockTime(hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)!,
            utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Parses a local date, or date and time, in ISO 8601 form: `2026-11-27`,
    /// `2026-11-27T10:30`, `2026-11-27T10:30:15`.
    ///
    /// - Parameters:
    ///   - text: the date and optional time.
    ///   - utcOffsetSeconds: the time zone they are local to (default UTC).
    /// - Returns: the reference, or `nil` when the text is not such a date or the day does not exist.
    public init?(parsing text: String, utcOffsetSeconds: Int = 0) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let dateFields = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let timeFields = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : ["0", "0"]
        guard dateFields.count == 3, dateFields[0].count == 4, dateFields[1].count == 2, dateFields[2].count == 2,
              (2...3).contains(timeFields.count),
              let year = Int(dateFields[0]), let month = Int(dateFields[1]), let day = Int(dateFields[2]),
              let date = CivilDate(year: year, month: month, day: day) else { return nil }
        let clock = timeFields.map { Int($0) }
        guard clock.allSatisfy({ $0 != nil }),
              let time = ClockTime(hour: clock[0]!, minute: clock[1]!, second: clock.count == 3 ? clock[2]! : 0) else { return nil }
        self.init(date: date, time: time, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Parses a local date, or date and time, as ``init(parsing:utcOffsetSeconds:)``
    /// does, read in the named time zone `zone`: the offset is the zone's at
    /// that local time (daylight saving time included).
    ///
    /// - Parameters:
    ///   - text: the date and optional time.
    ///   - zone: the time zone they are local to.
    /// - Returns: the reference, or `nil` when the text is not such a date or the day does not exist.
    public init?(parsing text: String, zone: TimeZoneRules) {
        guard let local = ReferenceTime(parsing: text) else { return nil }
        let localSeconds = local.date.daysSinceEpoch * 86_400 + local.time.secondsSinceMidnight
        self.init(date: local.date, time: local.time, utcOffsetSeconds: zone.utcOffset(atLocal: localSeconds))
    }

    /// The current moment in the named time zone `zone`.
    public static func now(in zone: TimeZoneRules) -> ReferenceTime {
        let unixTime = currentUnixTime()
        return ReferenceTime(unixTime: unixTime, utcOffsetSeconds: zone.utcOffset(at: unixTime))
    }

    /// The current moment in a time zone `utcOffsetSeconds` east of UTC (default UTC).
    public static func now(utcOffsetSeconds: Int = 0) -> ReferenceTime {
        ReferenceTime(unixTime: currentUnixTime(), utcOffsetSeconds: utcOffsetSeconds)
    }

    /// The local moment `seconds` seconds later, as a date and a time of day.
    func adding(seconds: Int) -> (date: CivilDate, time: ClockTime) {
        let total = time.secondsSinceMidnight + seconds
        let days = CivilDate.floorDivide(total, 86_400)
        let rest = total - days * 86_400
        return (date.adding(days: days), ClockTime(hour: rest / 3600, minute: rest / 60 % 60, second: rest % 60)!)
    }

    /// The offset as ISO 8601 text: `Z` for UTC, else `+01:00`, `-08:00`, `+05:30`.
    public var offsetText: String {
        if utcOffsetSeconds == 0 { return "Z" }
        let magnitude = abs(utcOffsetSeconds) / 60
        return (utcOffsetSeconds < 0 ? "-" : "+") + CivilDate.padded(magnitude / 60, 2) + ":" + CivilDate.padded(magnitude % 60, 2)
    }

    /// Parses a UTC offset: `UTC`, `Z`, `+02:00`, `-0800`, `+5:30`, `UTC+01:00`.
    ///
    /// - Returns: seconds east of UTC, or `nil` when the text is not an offset
    ///   or lies outside ±18 hours.
    public static func utcOffset(parsing text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var rest = Substring(text.uppercased())
        for prefix in ["UTC", "GMT"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        if rest.isEmpty || rest == "Z" { return 0 }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        let hours: Int?, minutes: Int?
        if parts.count == 2 {
            hours = Int(parts[0]); minutes = Int(parts[1])
        } else if parts.count == 1, parts[0].count == 4 {
            hours = Int(parts[0].prefix(2)); minutes = Int(parts[0].suffix(2))
        } else if parts.count == 1, parts[0].count <= 2 {
            hours = Int(parts[0]); minutes = 0
        } else {
            return nil
        }
        guard let hours, let minutes, (0...59).contains(minutes), hours * 60 + minutes <= 18 * 60,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }) else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}

/// Seconds since 1970-01-01T00:00:00Z from the system clock.
private func currentUnixTime() -> Int {
    #if canImport(Glibc)
    Int(Glibc.time(nil))
    #else
    Int(Darwin.time(nil))
    #endif
}
