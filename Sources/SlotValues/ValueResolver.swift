/// Resolves English slot text into typed values (dates, times, numbers,
/// ordinals, money) against a reference moment, grouping sibling slots that
/// make one value.
///
/// ```swift
/// let resolver = ValueResolver(options: ResolutionOptions(
///     reference: ReferenceTime(date: CivilDate(year: 2026, month: 10, day: 28)!)))
/// resolver.value(of: "november second", label: "date")             // date 2026-11-02
/// resolver.value(of: "after 5 pm", label: "depart_time.time")      // time 17:00, relation after
/// resolver.values(of: [("depart_date.month_name", "november"), ("depart_date.day_number", "2nd")])
/// // [ValueGroup(name: "depart_date", members: [0, 1], value: date 2026-11-02)]
/// ```
///
/// Which labels carry which kind of value is listed in one place, ``SlotRole``.
///
/// ## Rules for incomplete and ambiguous phrases
/// Dates resolve forward from the reference date, as a booking means them;
/// the reference date itself counts as "forward".
/// - A month and day without a year ("november 2nd"): the first such date on or
///   after the reference date; February 29th without a year is the next one that
///   exists (2028-02-29 from 2026-11-27).
/// - A day alone ("the 22nd", "the first"): the first date on or after the
///   reference with that day of the month, skipping months without it (the
///   31st from April 5th is May 31st). In a number slot "the first" is the
///   ordinal 1 instead.
/// - A month alone: the month itself on or after the reference month (grain
///   month, `2027-02`); "next march" skips the current month; "last march" is
///   the latest one before it.
/// - A day name ("friday", "this friday"): the first such day on or after the
///   reference date (a Friday reference gives itself). "next friday" is the
///   Friday of the next week, weeks running Monday to Sunday: from Monday
///   2026-11-02 it is 2026-11-13, not 2026-11-06. "last friday" is the latest
///   Friday before the reference date.
/// - With a day of the month, a day name is not used ("monday november 2nd" is
///   November 2nd whatever its weekday).
/// - "next week", "this month", "next year": the period, as its first day with
///   grain week (a Monday), month or year.
/// - A date that does not exist ("february 30th", "april 31st", "february 29
///   2027") has no value.
/// Times of day:
/// - "noon" is 12:00, "midnight" and "12 am" are 00:00, "12 pm" is 12:00.
/// - An hour without am/pm takes the slot's period of day ("8 in the evening"
///   20:00) and otherwise is read as the hours people book: 1 to 6 are
///   afternoon (13:00–18:00), 7 to 11 morning, 12 noon; 0 and 13 to 23 are
///   24-hour times, as are `07:45` and other times written with a leading zero.
/// - Three or four digits are hours and minutes ("718 am" 07:18, "1730" 17:30).
/// - A period alone is an interval: morning 06:00–12:00, afternoon 12:00–18:00,
///   evening 18:00–22:00, night 20:00–24:00, "am" 00:00–12:00, "pm"
///   12:00–24:00; "early" and "late" take its first or second half.
/// - Start and end times make an interval; one of them alone is a time with the
///   relation after (start) or before (end). A start without am/pm takes the
///   end's when that keeps it first ("between 6 and 10 am" 06:00–10:00,
///   "between 10 and 2 pm" 10:00–14:00).
/// Anything with a word outside the grammar ("patriots day", "cheapest") has
/// no value: no guess.
public struct ValueResolver: Sendable {
    /// The reference moment and default currency.
    public let options: ResolutionOptions

    /// Creates a resolver.
    ///
    /// - Parameter options: the reference moment and default currency.
    public init(options: ResolutionOptions = ResolutionOptions()) {
        self.options = options
    }

    /// The value of one text read as a slot with the given label would be.
    ///
    /// - Parameters:
    ///   - text: the slot's text.
    ///   - label: the slot's label (`depart_date.day_number`, `timeRange`),
    ///     or a bare kind such as `date`, `time`, `number`, `fare_amount`.
    /// - Returns: the value, or `nil` when the label carries none or the text
    ///   does not resolve.
    public func value(of text: some StringProtocol, label: String) -> SlotValue? {
        values(of: [(label, String(text))]).first?.value
    }

    /// The values of a list of slots, sibling slots grouped.
    ///
    /// Slots group when their labels share a prefix (`depart_date.`) and a kind
    /// of value (``SlotRole``), in order of the list; a second slot for a part
    /// the group already has (a second day name in "monday or tuesday") starts a
    /// new group. A slot whose text does not resolve joins no group.
    ///
    /// - Parameter slots: each slot's label and text, in order of appearance.
    /// - Returns: one group per value, ordered by first member.
    public func values(of slots: [(label: String, text: String)]) -> [ValueGroup] {
        var open: [GroupKey: GroupBuilder] = [:]
        var done: [GroupBuilder] = []
        for (index, slot) in slots.enumerated() {
            guard let role = SlotRole(label: slot.label),
                  let facts = Self.placeNumbers(PhraseReader.facts(of: slot.text), role: role) else { continue }
            let prefix = SlotRole.group(of: slot.label)
            let key = GroupKey(prefix: role.kind == .any ? slot.label : prefix, kind: role.kind)
            if role.kind != .number, var builder = open[key], builder.add(facts, role: role, label: slot.label, index: index) {
                open[key] = builder
                continue
            }
            if let previous = open[key] { done.append(previous) }
            var builder = GroupBuilder(kind: role.kind, prefix: prefix)
            _ = builder.add(facts, role: role, label: slot.label, index: index)
            open[key] = builder
        }
        done += open.values
        return done.compactMap { builder in
            resolve(builder).map { ValueGroup(name: builder.name, members: builder.members, value: $0) }
        }.sorted { $0.members[0] < $1.members[0] }
    }

    // MARK: - Numbers by role

    /// Gives the numbers the grammar left unplaced to fields by the slot's role.
    ///
    /// - Returns: the facts, or `nil` when the text does not resolve under the role.
    static func placeNumbers(_ facts: ValueFacts, role: SlotRole) -> ValueFacts? {
        guard !facts.hasUnknownWord else { return nil }
        var facts = facts
        let numbers = facts.numbers
        switch role.kind {
        case .number:
            return numbers.count == 1 && facts.amount == nil && !facts.hasDate && !facts.hasTime ? facts : nil
        case .money:
            guard !numbers.isEmpty else { return facts }
            guard numbers.count == 1, facts.amount == nil, !numbers[0].isOrdinal else { return nil }
            facts.amount = numbers[0].value
        case .time:
            guard !numbers.isEmpty else { return facts }
            guard facts.hour == nil, numbers.allSatisfy({ !$0.isOrdinal }), let first = numbers[0].integer else { return nil }
            if numbers.count == 1, first <= 24 {
                facts.hour = first
            } else if numbers.count == 1, let digits = numbers[0].digitCount, (3...4).contains(digits) {
                facts.hour = first / 100
                facts.minute = first % 100
                if digits == 4, first < 1000 { facts.isPM = facts.isPM ?? false }   // "0915"
            } else if numbers.count == 2, first <= 24, let minute = numbers[1].integer, minute < 60 {
                facts.hour = first
                facts.minute = minute
            } else {
                return nil
            }
        case .date, .any:
            for number in numbers {
                guard let value = number.integer else { return nil }
                if role == .year || (!number.isOrdinal && (1000...2999).contains(value)), facts.year == nil {
                    facts.year = value
                } else if (number.isOrdinal || role != .any), (1...31).contains(value), facts.day == nil {
                    facts.day = value
                } else if facts.year != nil, facts.year! < 100, value >= 10, value < 100 {
                    facts.year = facts.year! * 100 + value   // "nineteen ninety one"
                } else {
                    return nil
                }
            }
            if role == .year, let year = facts.year, year < 1000 { return nil }
        }
        facts.numbers = []
        return facts
    }

    // MARK: - Resolution

    private func resolve(_ builder: GroupBuilder) -> SlotValue? {
        let facts = builder.facts
        let reference = options.reference
        switch builder.kind {
        case .number:
            guard let number = facts.numbers.first else { return nil }
            return number.isOrdinal ? number.integer.map { SlotValue.ordinal($0) } : SlotValue.number(number.value)
        case .money:
            guard let amount = facts.amount else { return nil }
            return .money(amount, currency: facts.currency ?? options.defaultCurrency, relation: facts.relation)
        case .date, .time, .any:
            if builder.start != nil || builder.end != nil { return interval(builder) }
            if !facts.duration.isEmpty { return Self.moment(after: facts.duration, from: reference, relation: facts.relation) }
            if facts.isNow {
                return .dateTime(reference.date, reference.time, relation: facts.relation)
            }
            var date: (date: CivilDate, grain: SlotValue.Grain)?
            if facts.hasDate {
                guard let resolved = DateRules.date(facts, reference: reference.date) else { return nil }
                date = resolved
            } else if facts.modifier != nil {
                return nil
            }
            if let hour = facts.hour {
                guard let time = TimeRules.clock(hour: hour, minute: facts.minute ?? 0, second: facts.second ?? 0,
                                                 isPM: facts.isPM, period: facts.period) else { return nil }
                if let date {
                    guard date.grain == .day else { return nil }
                    return .dateTime(date.date, time, relation: facts.relation)
                }
                return .time(time, relation: facts.relation)
            }
            if facts.period != nil || facts.isPM != nil {
                let (start, end) = TimeRules.hours(of: facts.period, isPM: facts.isPM, modifier: facts.periodModifier)
                if let date {
                    guard date.grain == .day else { return nil }
                    return SlotValue(type: .interval, value: "\(date.date)T\(start)/\(date.date)T\(end)", grain: .hour,
                                     from: "\(date.date)T\(start)", to: "\(date.date)T\(end)", relation: facts.relation)
                }
                return SlotValue(type: .interval, value: "\(start)/\(end)", grain: .hour, from: start, to: end, relation: facts.relation)
            }
            guard let date else { return nil }
            return .date(date.date, grain: date.grain, relation: facts.relation)
        }
    }

    /// A time interval from a group's start and end times (or a time with the
    /// relation after or before when only one bound is given).
    private func interval(_ builder: GroupBuilder) -> SlotValue? {
        func clock(_ bound: ValueFacts?, isPM: Bool? = nil) -> ClockTime?? {
            guard let bound else { return .some(nil) }
            guard let hour = bound.hour else { return nil }
            return TimeRules.clock(hour: hour, minute: bound.minute ?? 0, second: bound.second ?? 0,
                                   isPM: bound.isPM ?? builder.facts.isPM ?? isPM, period: bound.period ?? builder.facts.period)
                .map { .some($0) } ?? nil
        }
        guard var start = clock(builder.start), let end = clock(builder.end) else { return nil }
        // "between 6 and 10 am": the start takes the end's am/pm when that keeps it first.
        if let endPM = builder.end?.isPM, let sharing = clock(builder.start, isPM: endPM), let shared = sharing,
           let endTime = end, shared <= endTime {
            start = shared
        }
        switch (start, end) {
        case let (start?, end?): return .interval(from: start, to: end)
        case let (start?, nil): return .time(start, relation: .after)
        case let (nil, end?): return .time(end, relation: .before)
        case (nil, nil): return nil
        }
    }

    /// The moment `duration` after the reference: a date for days and longer,
    /// a date and time for hours and shorter.
    private static func moment(after duration: [ValueFacts.DurationUnit: Double], from reference: ReferenceTime,
                               relation: SlotValue.Relation?) -> SlotValue? {
        var seconds = 0.0, days = 0.0, months = 0.0
        for (unit, count) in duration {
            switch unit {
            case .second: seconds += count
            case .minute: seconds += count * 60
            case .hour: seconds += count * 3600
            case .day: days += count
            case .week: days += count * 7
            case .month: months += count
            case .year: months += count * 12
            }
        }
        // Half months and years become days (a month counts 30 days, a year 365).
        let wholeMonths = months.rounded(.down)
        days += (months - wholeMonths) * 30
        let wholeDays = days.rounded(.down)
        seconds += (days - wholeDays) * 86_400
        guard abs(wholeMonths) < 1e6, abs(wholeDays) < 1e8, abs(seconds) < 1e12 else { return nil }
        let date = reference.date.adding(months: Int(wholeMonths)).adding(days: Int(wholeDays))
        if seconds == 0 { return .date(date, relation: relation) }
        let shifted = ReferenceTime(date: date, time: reference.time).adding(seconds: Int(seconds.rounded()))
        return .dateTime(shifted.date, shifted.time, relation: relation)
    }
}

/// The key of a group being built: slots of one prefix and kind.
private struct GroupKey: Hashable {
    let prefix: String
    let kind: SlotRole.Kind
}

/// Collects the facts of a group's members.
private struct GroupBuilder {
    let kind: SlotRole.Kind
    let prefix: String
    var facts = ValueFacts()
    var start: ValueFacts?
    var end: ValueFacts?
    var members: [Int] = []
    var lastLabel = ""

    init(kind: SlotRole.Kind, prefix: String) {
        self.kind = kind
        self.prefix = prefix
    }

    /// The group's name: the prefix, or the last member's label.
    var name: String { prefix.isEmpty ? lastLabel : prefix }

    /// Adds a member, or returns `false` when its facts clash with the group's.
    mutating func add(_ memberFacts: ValueFacts, role: SlotRole, label: String, index: Int) -> Bool {
        switch role {
        case .startTime:
            guard start == nil else { return false }
            start = memberFacts
        case .endTime:
            guard end == nil else { return false }
            end = memberFacts
        default:
            guard facts.merge(memberFacts) else { return false }
        }
        members.append(index)
        lastLabel = label
        return true
    }
}
