/// A value a slot's text resolves to, shaped like Duckling's output: a type,
/// the value as ISO 8601 (dates and times) or decimal (numbers) text, and the
/// fields of its type.
///
/// ```json
/// {"type": "date", "value": "2026-11-02", "grain": "day"}
/// {"type": "time", "value": "17:00", "grain": "minute", "relation": "after"}
/// {"type": "dateTime", "value": "2026-11-28T17:00", "grain": "minute"}
/// {"type": "interval", "value": "10:00/14:00", "from": "10:00", "to": "14:00", "grain": "minute"}
/// {"type": "money", "value": "400", "amount": 400, "currency": "USD", "relation": "below"}
/// {"type": "number", "value": "3", "amount": 3}
/// {"type": "ordinal", "value": "2", "amount": 2}
/// ```
/// Dates with a coarser grain use ISO 8601's reduced precision: `2027` (a
/// year), `2026-12` (a month); a week is the date of its Monday with grain
/// `week`. Times are local times in the reference's time zone, without an
/// offset. The rules that pick a date from an incomplete phrase are in
/// ``ValueResolver``.
public struct SlotValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What kind of value this is.
    public enum ValueType: String, Hashable, Sendable, Codable {
        /// A calendar date, month or year: `value` is `2026-11-02`, `2026-11` or `2027`.
        case date
        /// A time of day: `value` is `17:00` or `17:00:30`.
        case time
        /// A date with a time of day: `value` is `2026-11-02T17:00`.
        case dateTime
        /// A span of time of day or of dates: `value` is `from/to` (ISO 8601's interval form).
        case interval
        /// A cardinal number: `value` is its decimal text, `amount` the number.
        case number
        /// An ordinal ("third", "22nd"): `value` and `amount` are its number.
        case ordinal
        /// An amount of money: `amount` and `currency` (ISO 4217).
        case money
    }

    /// The precision of a date or time value.
    public enum Grain: String, Hashable, Sendable, Codable {
        case year, month, week, day, hour, minute, second
    }

    /// How the slot's words relate the wanted value to this one ("after 5 pm",
    /// "under $400").
    public enum Relation: String, Hashable, Sendable, Codable {
        /// Later than the value ("after", "later than").
        case after
        /// Earlier than the value ("before", "by", "no later than", "prior to").
        case before
        /// Near the value ("around", "about", "approximately").
        case around
        /// Less than the amount ("under", "less than", "not exceeding").
        case below
        /// More than the amount ("over", "more than").
        case above
    }

    /// The kind of value.
    public let type: ValueType
    /// The value as text: ISO 8601 for dates and times, decimal for numbers and money.
    public let value: String
    /// The precision of a date or time (`nil` for numbers and money).
    public let grain: Grain?
    /// The number, for `number`, `ordinal` and `money`.
    public let amount: Double?
    /// The currency of `money`, as an ISO 4217 code (`USD`).
    public let currency: String?
    /// The start of an `interval`.
    public let from: String?
    /// The end of an `interval`.
    public let to: String?
    /// The relation the slot's words give, when they give one.
    public let relation: Relation?

    /// Creates a value; prefer the static constructors (``date(_:grain:relation:)`` …).
    public init(
        type: ValueType, value: String, grain: Grain? = nil, amount: Double? = nil, currency: String? = nil,
        from: String? = nil, to: String? = nil, relation: Relation? = nil
    ) {
        self.type = type
        self.value = value
        self.grain = grain
        self.amount = amount
        self.currency = currency
        self.from = from
        self.to = to
        self.relation = relation
    }

    /// A date at day grain (`2026-11-02`).
    public static func date(_ date: CivilDate, relation: Relation? = nil) -> SlotValue {
        SlotValue(type: .date, value: date.description, grain: .day, relation: relation)
    }

    /// A date of a coarser grain: `2027` for a year, `2026-12` for a month, the
    /// Monday for a week, the date itself for a day.
    public static func date(_ date: CivilDate, grain: Grain, relation: Relation? = nil) -> SlotValue {
        let text = switch grain {
        case .year: CivilDate.padded(date.year, 4)
        case .month: CivilDate.padded(date.year, 4) + "-" + CivilDate.padded(date.month, 2)
        default: date.description
        }
        return SlotValue(type: .date, value: text, grain: grain, relation: relation)
    }

    /// A time of day (`17:00`), at minute grain unless it has seconds.
    public static func time(_ time: ClockTime, relation: Relation? = nil) -> SlotValue {
        SlotValue(type: .time, value: time.description, grain: time.second == 0 ? .minute : .second, relation: relation)
    }

    /// A date with a time of day (`2026-11-02T17:00`).
    public static func dateTime(_ date: CivilDate, _ time: ClockTime, relation: Relation? = nil) -> SlotValue {
        SlotValue(type: .dateTime, value: "\(date)T\(time)", grain: time.second == 0 ? .minute : .second, relation: relation)
    }

    /// An interval between two times of day (`10:00/14:00`).
    public static func interval(from start: ClockTime, to end: ClockTime) -> SlotValue {
        SlotValue(type: .interval, value: "\(start)/\(end)", grain: .minute, from: start.description, to: end.description)
    }

    /// A cardinal number.
    public static func number(_ amount: Double) -> SlotValue {
        SlotValue(type: .number, value: decimalText(amount), amount: amount)
    }

    /// An ordinal.
    public static func ordinal(_ amount: Int) -> SlotValue {
        SlotValue(type: .ordinal, value: String(amount), amount: Double(amount))
    }

    /// An amount of money.
    public static func money(_ amount: Double, currency: String, relation: Relation? = nil) -> SlotValue {
        SlotValue(type: .money, value: decimalText(amount), amount: amount, currency: currency, relation: relation)
    }

    /// The same value with another relation.
    public func with(relation: Relation?) -> SlotValue {
        SlotValue(type: type, value: value, grain: grain, amount: amount, currency: currency, from: from, to: to, relation: relation)
    }

    /// A compact form for people and test tables: the type and value, then
    /// the currency, a date's grain when coarser than a day, and the relation
    /// (`date 2027 grain=year`, `money 400 USD relation=below`, `time 17:00 relation=after`).
    public var description: String {
        var text = "\(type.rawValue) \(value)"
        if let currency { text += " \(currency)" }
        if type == .date, let grain, grain != .day { text += " grain=\(grain.rawValue)" }
        if let relation { text += " relation=\(relation.rawValue)" }
        return text
    }

    /// `400`, `12.5`: integers without a fraction, others as Swift prints them.
    static func decimalText(_ amount: Double) -> String {
        if amount == amount.rounded(), abs(amount) < 1e15 { return String(Int(amount)) }
        return String(amount)
    }
}
