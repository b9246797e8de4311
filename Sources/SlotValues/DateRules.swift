/// The rules that turn date facts into a date (documented on ``ValueResolver``).
enum DateRules {
    /// How far ahead an incomplete date is searched (February 29th needs up to 8 years).
    private static let yearsAhead = 9

    /// The date the facts name, with its grain, or `nil` when it does not exist.
    static func date(_ facts: ValueFacts, reference: CivilDate) -> (date: CivilDate, grain: SlotValue.Grain)? {
        if let offset = facts.dayOffset {
            return (reference.adding(days: offset), .day)
        }
        let shift = facts.modifier == .next ? 1 : facts.modifier == .last ? -1 : 0
        if let period = facts.periodShift {
            guard facts.month == nil, facts.day == nil, facts.weekday == nil else { return nil }
            let offset = period.offset + shift
            switch period.grain {
            case .week: return (reference.adding(days: 1 - reference.weekday + 7 * offset), .week)
            case .month: return (reference.firstOfMonth(adding: offset), .month)
            default: return (CivilDate(year: reference.year + offset, month: 1, day: 1)!, .year)
            }
        }
        switch (facts.year, facts.month, facts.day) {
        case let (year?, month?, day?):
            return CivilDate(year: year, month: month, day: day).map { ($0, .day) }
        case let (nil, month?, day?):
            guard day <= CivilDate.daysIn(month: month, year: 2000) else { return nil }
            for year in reference.year ... reference.year + yearsAhead {
                if let date = CivilDate(year: year, month: month, day: day), date >= reference { return (date, .day) }
            }
            return nil
        case let (nil, nil, day?):
            guard day <= 31 else { return nil }
            for offset in 0 ..< 12 {
                let first = reference.firstOfMonth(adding: offset)
                if let date = CivilDate(year: first.year, month: first.month, day: day), date >= reference { return (date, .day) }
            }
            return nil
        case let (year?, month?, nil):
            return CivilDate(year: year, month: month, day: 1).map { ($0, .month) }
        case let (nil, month?, nil):
            let range = shift > 0 ? Array(1...12) : shift < 0 ? Array((-12)...(-1)).reversed() : Array(0..<12)
            for offset in range where reference.firstOfMonth(adding: offset).month == month {
                return (reference.firstOfMonth(adding: offset), .month)
            }
            return nil
        case let (year?, nil, nil):
            guard facts.weekday == nil else { return nil }
            return (CivilDate(year: year, month: 1, day: 1)!, .year)
        case (_, nil, _?):
            return nil
        case (nil, nil, nil):
            guard let weekday = facts.weekday else { return nil }
            switch facts.modifier {
            case .next:
                return (reference.adding(days: 7 - reference.weekday + weekday), .day)
            case .last:
                let back = (reference.weekday - weekday + 7) % 7
                return (reference.adding(days: -(back == 0 ? 7 : back)), .day)
            case .this, nil:
                return (reference.adding(days: (weekday - reference.weekday + 7) % 7), .day)
            }
        }
    }
}
