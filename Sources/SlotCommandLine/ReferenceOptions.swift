import ArgumentParser
import SlotTagger

/// The reference moment dates and times are resolved against: `--reference-date`
/// and `--time-zone`, shared by the commands that resolve values (`tagger tag`,
/// `tagger values`, `tagger-server`).
public struct ReferenceOptions: ParsableArguments {
    @Option(name: .customLong("reference-date"), help: ArgumentHelp(
        "The local date (and time) that 'today', 'tomorrow', 'next friday' and 'in 2 hours' count from, as 2026-11-27 or 2026-11-27T10:30 (default: now).",
        valueName: "date"))
    var referenceDate: String?

    @Option(name: .customLong("time-zone"), help: ArgumentHelp(
        "The time zone of the reference: a UTC offset (UTC, +01:00, UTC-08:00) or a zone name of the system's time zone database (Europe/Paris, America/New_York; daylight saving time included). Default: UTC; 'today' is the date there when --reference-date is not given.",
        valueName: "zone"))
    var timeZone = "UTC"

    /// Creates the options with their defaults (now, in UTC).
    public init() {}

    /// Checks the zone and the date.
    public func validate() throws {
        guard ReferenceClock.Zone(parsing: timeZone) != nil else {
            throw ValidationError(
                "--time-zone '\(timeZone)' is neither a UTC offset such as +01:00 nor a time zone name such as Europe/Paris found in \(TimeZoneRules.directory).")
        }
        if let referenceDate, ReferenceTime(parsing: referenceDate) == nil {
            throw ValidationError("--reference-date '\(referenceDate)' is not a date such as 2026-11-27 or 2026-11-27T10:30.")
        }
    }

    /// The clock the arguments describe (checked by `validate()`): the time
    /// zone read once, the fixed reference date if one was given.
    public var clock: ReferenceClock {
        guard let zone = ReferenceClock.Zone(parsing: timeZone) else {
            preconditionFailure("validate() accepts only offsets and zone names")
        }
        return ReferenceClock(zone: zone, fixedDate: referenceDate)
    }

    /// The resolution options for a run that starts now (a fixed
    /// `--reference-date`, or the present moment in the zone).
    public var resolution: ResolutionOptions { clock.resolutionOptions() }
}
