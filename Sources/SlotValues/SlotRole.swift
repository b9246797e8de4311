/// What a slot label contributes to a value: the one place that maps slot
/// labels (ATIS, SNIPS and labels named like them) to value kinds.
///
/// The role comes from the label's last component (the part after the last
/// `.`); the group is the part before it, so `depart_date.month_name` and
/// `depart_date.day_number` are members of the group `depart_date`.
///
/// | last component | kind | what its words give |
/// |---|---|---|
/// | `month_name`, `day_number`, `day_name`, `date_relative`, `today_relative`, `date` | date | month, day of month (a bare number or ordinal), weekday, `next`/`this`/`last`, today/tomorrow |
/// | `year` | date | a year (`1991`, `nineteen ninety one`); a year alone is a date of grain year |
/// | `time`, `time_relative`, `period_of_day`, `period_mod` | time | a time of day (a bare number is an hour, `555` is 5:55), after/before/around, morning/afternoon/evening/night, early/late |
/// | `start_time`, `end_time` | time | the bounds of an interval |
/// | `fare_amount`, `cost`, `price`, `amount` | money | an amount (a bare number is in ``ResolutionOptions/defaultCurrency``) |
/// | `cost_relative` | money | under/less/not exceeding (below), over/more (above) |
/// | `flight_number`, `party_size_number`, `rating_value`, `best_rating`, `number`, `count`, `quantity` | number | a number or an ordinal |
/// | `timeRange`, `datetime`, `date_time` | any | a date, a time, both, or a moment from now ("in 2 hours") |
///
/// Labels with no `.` form one group with their unprefixed siblings of the same
/// kind (`cost_relative` + `fare_amount`; `time_relative` + `time`). Every other
/// label has no role and gets no value.
package enum SlotRole: Hashable, Sendable {
    /// A part of a date.
    case date
    /// A year (a bare number is the year).
    case year
    /// A part of a time of day.
    case time
    /// The start of a time interval.
    case startTime
    /// The end of a time interval.
    case endTime
    /// An amount of money or its relation.
    case money
    /// A number.
    case number
    /// Any date or time phrase.
    case any

    /// The kind of value a role belongs to: slots group only with siblings of one kind.
    package enum Kind: Hashable, Sendable { case date, time, money, number, any }

    /// The role's kind.
    package var kind: Kind {
        switch self {
        case .date, .year: .date
        case .time, .startTime, .endTime: .time
        case .money: .money
        case .number: .number
        case .any: .any
        }
    }

    /// The role of a slot label, or `nil` when the label carries no value.
    package init?(label: String) {
        let component = Self.component(of: label)
        guard let role = Self.byComponent[component] else { return nil }
        self = role
    }

    /// Whether the label names only a relation or modifier of a value
    /// ("after", "cheapest", "next", "early"): such a slot joins a sibling's
    /// value but has none alone.
    package static func isModifier(_ label: String) -> Bool {
        ["time_relative", "cost_relative", "date_relative", "period_mod"].contains(component(of: label))
    }

    /// The group of a label: the part before its last `.`, or `""` without one.
    package static func group(of label: String) -> String {
        guard let dot = lastDot(in: label) else { return "" }
        return String(label[..<dot])
    }

    /// The last component of a label.
    package static func component(of label: String) -> String {
        guard let dot = lastDot(in: label) else { return label }
        return String(label[label.utf8.index(after: dot)...])
    }

    /// Where the label's last `.` is, found in its UTF-8 (a search by
    /// `Character` compares grapheme clusters, several times slower, for every
    /// slot of every result); an ASCII byte is always a character boundary.
    private static func lastDot(in label: String) -> String.Index? {
        label.utf8.lastIndex(of: UInt8(ascii: "."))
    }

    private static let byComponent: [String: SlotRole] = [
        "month_name": .date, "day_number": .date, "day_name": .date, "date_relative": .date,
        "today_relative": .date, "date": .date, "year": .year,
        "time": .time, "time_relative": .time, "period_of_day": .time, "period_mod": .time,
        "start_time": .startTime, "end_time": .endTime,
        "fare_amount": .money, "cost": .money, "price": .money, "amount": .money, "cost_relative": .money,
        "flight_number": .number, "party_size_number": .number, "rating_value": .number, "best_rating": .number,
        "number": .number, "count": .number, "quantity": .number,
        "timeRange": .any, "datetime": .any, "date_time": .any,
    ]
}
