/// What the words of one slot, or of a group of sibling slots, say about a
/// value before a reference date turns them into one: the fields each phrase
/// sets, and the numbers it leaves to the slot's role to interpret.
struct ValueFacts: Sendable {
    /// A word that changes which occurrence of a date is meant.
    enum DateModifier: String, Hashable, Sendable { case this, next, last }

    /// A part of the day ("morning"), with its hours.
    enum DayPeriod: String, Hashable, Sendable {
        case morning, afternoon, evening, night
        /// The period's start and end hours (end 24 is midnight at its end).
        var hours: (start: Int, end: Int) {
            switch self {
            case .morning: (6, 12)
            case .afternoon: (12, 18)
            case .evening: (18, 22)
            case .night: (20, 24)
            }
        }
    }

    /// "early" or "late" in a period: its first or second half.
    enum PeriodModifier: String, Hashable, Sendable { case early, late }

    /// Units of a duration ("in 5 minutes").
    enum DurationUnit: Hashable, Sendable { case second, minute, hour, day, week, month, year }

    var month: Int?
    var day: Int?
    var year: Int?
    var weekday: Int?
    /// Days from the reference date: today 0, tomorrow 1, yesterday -1.
    var dayOffset: Int?
    var modifier: DateModifier?
    /// A whole week, month or year, counted from the reference's ("next week": week, 1).
    var periodShift: (grain: SlotValue.Grain, offset: Int)?
    var hour: Int?
    var minute: Int?
    var second: Int?
    var isPM: Bool?
    var period: DayPeriod?
    var periodModifier: PeriodModifier?
    var relation: SlotValue.Relation?
    /// A duration from the reference moment ("in 2 hours", "3 days from now").
    var duration: [DurationUnit: Double] = [:]
    var isNow = false
    var amount: Double?
    var currency: String?
    /// Numbers the grammar could not place (a day, an hour, a year, an
    /// amount: the slot's role decides).
    var numbers: [NumberReading] = []
    /// Whether a word outside the grammar was met: the text then resolves to nothing.
    var hasUnknownWord = false

    /// Whether the facts say anything about a date.
    var hasDate: Bool {
        month != nil || day != nil || year != nil || weekday != nil || dayOffset != nil || periodShift != nil
    }

    /// Whether the facts say anything about a time of day.
    var hasTime: Bool { hour != nil || period != nil }

    /// Adds `other`'s facts to these.
    ///
    /// - Returns: `false` (and changes nothing) when both set one field, such
    ///   as two day names: the slots then describe two values.
    mutating func merge(_ other: ValueFacts) -> Bool {
        var merged = self
        // Fields by `inout`, not by key path: applying a key path is a
        // runtime call, and this runs for every pair of sibling slots.
        func take<T>(_ field: inout T?, _ value: T?) -> Bool {
            guard let value else { return true }
            if field != nil { return false }
            field = value
            return true
        }
        let fieldsFit = take(&merged.month, other.month) && take(&merged.day, other.day)
            && take(&merged.year, other.year) && take(&merged.weekday, other.weekday)
            && take(&merged.dayOffset, other.dayOffset) && take(&merged.modifier, other.modifier)
            && take(&merged.hour, other.hour) && take(&merged.minute, other.minute)
            && take(&merged.second, other.second) && take(&merged.isPM, other.isPM) && take(&merged.period, other.period)
            && take(&merged.periodModifier, other.periodModifier) && take(&merged.relation, other.relation)
            && take(&merged.amount, other.amount) && take(&merged.currency, other.currency)
        guard fieldsFit, periodShift == nil || other.periodShift == nil, duration.isEmpty || other.duration.isEmpty,
              !(isNow && other.isNow) else { return false }
        merged.periodShift = periodShift ?? other.periodShift
        merged.duration = duration.isEmpty ? other.duration : duration
        merged.isNow = isNow || other.isNow
        merged.numbers += other.numbers
        merged.hasUnknownWord = hasUnknownWord || other.hasUnknownWord
        self = merged
        return true
    }
}
