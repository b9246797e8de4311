import SlotTagger

/// Where "today" and "in 2 hours" count from: a time zone, read once, and
/// either a fixed local date or the moment of each call. A long-running
/// server asks it for every request, so that "tomorrow" moves at midnight in
/// the zone.
public struct ReferenceClock: Sendable {
    /// A time zone: a fixed UTC offset or a zone of the system's database.
    public enum Zone: Sendable {
        /// A fixed offset east of UTC, in seconds.
        case offset(seconds: Int)
        /// A named zone with its daylight-saving rules.
        case rules(TimeZoneRules)

        /// The zone `text` names: a UTC offset (`UTC`, `+01:00`) or a zone
        /// name (`Europe/Paris`); `nil` when it is neither.
        public init?(parsing text: String) {
            if let seconds = ReferenceTime.utcOffset(parsing: text) {
                self = .offset(seconds: seconds)
            } else if let rules = TimeZoneRules(named: text) {
                self = .rules(rules)
            } else {
                return nil
            }
        }
    }

    /// The zone local dates and times are in.
    public let zone: Zone
    /// A fixed local date (and time) such as `2026-11-27T10:30`, or `nil` for now.
    public let fixedDate: String?

    /// Creates a clock.
    ///
    /// - Parameters:
    ///   - zone: the time zone.
    ///   - fixedDate: a date as `ReferenceTime(parsing:)` reads it; `nil` (or
    ///     a date that does not parse) means the moment of each call.
    public init(zone: Zone = .offset(seconds: 0), fixedDate: String? = nil) {
        self.zone = zone
        self.fixedDate = fixedDate
    }

    /// The reference moment: the fixed date in the zone, or now there.
    public func reference() -> ReferenceTime {
        switch zone {
        case .offset(let seconds):
            fixedDate.flatMap { ReferenceTime(parsing: $0, utcOffsetSeconds: seconds) } ?? .now(utcOffsetSeconds: seconds)
        case .rules(let rules):
            fixedDate.flatMap { ReferenceTime(parsing: $0, zone: rules) } ?? .now(in: rules)
        }
    }

    /// Resolution options at ``reference()``.
    public func resolutionOptions() -> ResolutionOptions {
        ResolutionOptions(reference: reference())
    }
}
