/// The rules that turn time facts into a time of day (documented on ``ValueResolver``).
enum TimeRules {
    /// The time of an hour, minute and second read with `am`/`pm`, a period of
    /// the day, or neither; `nil` when it is no time ("13 am", minute 75).
    static func clock(hour: Int, minute: Int, second: Int, isPM: Bool?, period: ValueFacts.DayPeriod?) -> ClockTime? {
        var hour = hour
        if let isPM {
            if isPM {
                guard (1...23).contains(hour) else { return nil }
                if hour < 12 { hour += 12 }
            } else {
                guard (0...12).contains(hour) else { return nil }
                if hour == 12 { hour = 0 }
            }
        } else if (1...12).contains(hour) {
            switch period {
            case .afternoon, .evening: if hour < 12 { hour += 12 }
            case .night: hour = hour == 12 ? 0 : hour >= 6 ? hour + 12 : hour
            case .morning: if hour == 12 { hour = 0 }
            case nil: if hour <= 6 { hour += 12 }
            }
        } else if hour == 24 {
            hour = 0
        }
        return ClockTime(hour: hour, minute: minute, second: second)
    }

    /// A period's bounds as `HH:mm` text (its end may be `24:00`), halved by
    /// "early" or "late"; without a period, the half of the day `isPM` names.
    static func hours(of period: ValueFacts.DayPeriod?, isPM: Bool?, modifier: ValueFacts.PeriodModifier?) -> (String, String) {
        let hours: (start: Int, end: Int) = period?.hours ?? (isPM == true ? (12, 24) : (0, 12))
        var (start, end) = (hours.start * 60, hours.end * 60)
        switch modifier {
        case .early: end = (start + end) / 2
        case .late: start = (start + end) / 2
        case nil: break
        }
        func text(_ minutes: Int) -> String { "\(CivilDate.padded(minutes / 60, 2)):\(CivilDate.padded(minutes % 60, 2))" }
        return (text(start), text(end))
    }
}
