import ArgumentParser
import SlotTagger

/// The reference moment dates and times are resolved against: `--reference-date`
/// and `--time-zone`, shared by the subcommands that resolve values.
struct ReferenceOptions: ParsableArguments {
    @Option(name: .customLong("reference-date"), help: ArgumentHelp(
        "The local date (and time) that 'today', 'tomorrow', 'next friday' and 'in 2 hours' count from, as 2026-11-27 or 2026-11-27T10:30 (default: now).",
        valueName: "date"))
    var referenceDate: String?

    @Option(name: .customLong("time-zone"), help: ArgumentHelp(
        "The UTC offset of the reference, as UTC, +01:00 or UTC-08:00 (default: UTC); 'today' is the date there when --reference-date is not given.", valueName: "offset"))
    var timeZone = "UTC"

    func validate() throws {
        guard let offset = ReferenceTime.utcOffset(parsing: timeZone) else {
            throw ValidationError("--time-zone '\(timeZone)' is not a UTC offset such as UTC, +01:00 or UTC-08:00.")
        }
        if let referenceDate, ReferenceTime(parsing: referenceDate, utcOffsetSeconds: offset) == nil {
            throw ValidationError("--reference-date '\(referenceDate)' is not a date such as 2026-11-27 or 2026-11-27T10:30.")
        }
    }

    /// The resolution options the arguments give (checked by `validate()`).
    var resolution: ResolutionOptions {
        let offset = ReferenceTime.utcOffset(parsing: timeZone) ?? 0
        let reference = referenceDate.flatMap { ReferenceTime(parsing: $0, utcOffsetSeconds: offset) }
        return ResolutionOptions(reference: reference ?? .now(utcOffsetSeconds: offset))
    }
}
