/// The grammar of date, time, number and money phrases: reads a slot's words
/// into ``ValueFacts``.
///
/// Numbers are placed by the words around them: before `am`/`pm`/`oclock` a
/// number is an hour (and a second number below 60 between them its minutes:
/// "seven thirty pm"); next to a month name it is a day ("may fifteenth",
/// "the 22nd of april"), and a number of 1000 or more after that day a year;
/// before a unit it counts the unit ("in 2 hours"); next to a currency it is
/// an amount ("$400", "four hundred dollars"). Other numbers are left in
/// ``ValueFacts/numbers`` for the slot's role. Unknown words make the phrase
/// unresolvable (``ValueFacts/hasUnknownWord``).
enum PhraseReader {
    static func facts(of text: String) -> ValueFacts {
        let words = ValueLexer.words(text)
        var facts = ValueFacts()
        var index = 0
        while index < words.count {
            index = read(words, at: index, into: &facts)
        }
        return facts
    }

    /// Reads the phrase at `index` and returns the index after it.
    private static func read(_ words: [String], at index: Int, into facts: inout ValueFacts) -> Int {
        let word = words[index]
        func after(_ offset: Int) -> String? { words.indices.contains(index + offset) ? words[index + offset] : nil }

        for (phrase, action) in phrases where words.count - index >= phrase.count && Array(words[index ..< index + phrase.count]) == phrase {
            action(&facts)
            return index + phrase.count
        }
        if ["quarter", "half"].contains(word), let direction = after(1), ["past", "after", "to", "before", "of", "til"].contains(direction),
           let hour = NumberWords.read(words, at: index + 2), let value = hour.integer, !hour.isOrdinal {
            let minutes = word == "half" ? 30 : 15
            let after = ["past", "after"].contains(direction)
            facts.hour = after ? value : (value + 23) % 24
            facts.minute = after ? minutes : 60 - minutes
            return readMeridiem(words, at: index + 2 + hour.length, into: &facts)
        }
        if let clock = clockTime(word) {
            facts.hour = clock.hour
            facts.minute = clock.minute
            facts.second = clock.second
            if word.hasPrefix("0") { facts.isPM = false }   // "05:30" is a 24-hour time
            return readMeridiem(words, at: index + 1, into: &facts)
        }
        if let date = slashDate(word) {
            facts.month = date.month
            facts.day = date.day
            facts.year = date.year
            return index + 1
        }
        if let month = months[word] {
            facts.month = month
            var next = index + 1
            if next < words.count, words[next] == "the" { next += 1 }
            if let day = NumberWords.read(words, at: next), let value = day.integer, (1...31).contains(value), day.digitCount ?? 0 <= 2 {
                facts.day = value
                next += day.length
                if let year = yearReading(words, at: next) {
                    facts.year = year.value
                    next += year.length
                }
            } else if let year = yearReading(words, at: next) {
                facts.year = year.value
                next += year.length
            }
            return next
        }
        if let symbol = currencySymbols[word], let number = NumberWords.read(words, at: index + 1) {
            facts.amount = number.value
            facts.currency = symbol
            let next = index + 1 + number.length
            if let unit = after(1 + number.length), let scale = amountScales[unit] {
                facts.amount = number.value * scale
                return next + 1
            }
            return next
        }
        if ["a", "an"].contains(word), let unit = after(1).flatMap({ durationUnits[$0] }) {
            facts.duration[unit, default: 0] += 1   // "in a week"
            return index + 2
        }
        if let number = NumberWords.read(words, at: index) {
            return readNumber(number, words, at: index, into: &facts)
        }
        if let weekday = weekdays[word] {
            facts.weekday = weekday
            return index + 1
        }
        if let action = singleWords[word] {
            action(&facts)
            return index + 1
        }
        if fillers.contains(word) { return index + 1 }
        facts.hasUnknownWord = true
        return index + 1
    }

    /// Places a number by the words after it.
    private static func readNumber(_ number: NumberReading, _ words: [String], at index: Int, into facts: inout ValueFacts) -> Int {
        var next = index + number.length
        let following = next < words.count ? words[next] : nil
        if let following, let value = number.integer {
            // "7 pm", "7 oclock", "seven thirty pm", "12 noon"
            if ["am", "pm", "oclock", "noon", "midnight"].contains(following) || isMeridiemAhead(words, at: next) {
                guard !number.isOrdinal, value <= 24 || number.digitCount ?? 0 >= 3 else {
                    facts.numbers.append(number)
                    return next
                }
                if value > 24 {   // "718 am": hours and minutes in one number
                    facts.hour = value / 100
                    facts.minute = value % 100
                } else {
                    facts.hour = value
                    if let minutes = NumberWords.read(words, at: next), !minutes.isOrdinal, let m = minutes.integer, m < 60 {
                        facts.minute = m
                        next += minutes.length
                    }
                }
                return readMeridiem(words, at: next, into: &facts)
            }
            // "22nd of april", "22 april"
            if (1...31).contains(value) {
                var monthIndex = next
                if words[monthIndex] == "of" { monthIndex += 1 }
                if monthIndex < words.count, let month = months[words[monthIndex]] {
                    facts.day = value
                    facts.month = month
                    next = monthIndex + 1
                    if let year = yearReading(words, at: next) {
                        facts.year = year.value
                        next += year.length
                    }
                    return next
                }
            }
        }
        if let following, let unit = durationUnits[following], !number.isOrdinal {
            // "2 hours" (after "in", before "from now"/"later", or alone), "2 and a half hours"
            facts.duration[unit, default: 0] += number.value
            return next + 1
        }
        if next + 3 < words.count, words[next ..< next + 3] == ["and", "a", "half"], let unit = durationUnits[words[next + 3]] {
            facts.duration[unit, default: 0] += number.value + 0.5
            return next + 4
        }
        if let following, let currency = currencyWords[following], !number.isOrdinal {
            facts.amount = number.value / currency.subunits
            facts.currency = currency.code
            return next + 1
        }
        facts.numbers.append(number)
        return next
    }

    /// Whether the words from `index` are a minute number then `am`/`pm` ("thirty pm").
    private static func isMeridiemAhead(_ words: [String], at index: Int) -> Bool {
        guard let minutes = NumberWords.read(words, at: index), !minutes.isOrdinal, let m = minutes.integer, m < 60,
              index + minutes.length < words.count else { return false }
        return ["am", "pm", "oclock"].contains(words[index + minutes.length])
    }

    /// Reads an optional `am`/`pm` (or "in the morning") at `index`.
    private static func readMeridiem(_ words: [String], at index: Int, into facts: inout ValueFacts) -> Int {
        guard index < words.count else { return index }
        switch words[index] {
        case "am": facts.isPM = false; return index + 1
        case "pm": facts.isPM = true; return index + 1
        case "oclock": return readMeridiem(words, at: index + 1, into: &facts)
        default: return index
        }
    }

    /// A year after a day or month: 1000 to 2999 in digits, or "nineteen ninety one".
    static func yearReading(_ words: [String], at index: Int) -> (value: Int, length: Int)? {
        var start = index
        if start < words.count, words[start] == "of" || words[start] == "in" { start += 1 }
        guard let number = NumberWords.read(words, at: start), !number.isOrdinal, let value = number.integer else { return nil }
        if (1000...2999).contains(value) { return (value, start - index + number.length) }
        if [19, 20].contains(value), let rest = NumberWords.read(words, at: start + number.length), !rest.isOrdinal,
           let tail = rest.integer, (10...99).contains(tail) {
            return (value * 100 + tail, start - index + number.length + rest.length)
        }
        return nil
    }

    /// `7:30`, `07:43:21`.
    private static func clockTime(_ word: String) -> (hour: Int, minute: Int, second: Int)? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let values = Optional(parts.compactMap { Int($0) }), values.count == parts.count,
              values[0] <= 24, values[1] < 60, values.count == 2 || values[2] < 60 else { return nil }
        return (values[0], values[1], values.count == 3 ? values[2] : 0)
    }

    /// `12/5/2032` (month/day/year, as in the US), `12/5`, `2026-11-02`.
    private static func slashDate(_ word: String) -> (month: Int, day: Int, year: Int?)? {
        if word.contains("-") {
            let parts = word.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, word.split(separator: "-")[0].count == 4 else { return nil }
            return (parts[1], parts[2], parts[0])
        }
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0) }
        guard parts.count == 2 || parts.count == 3, values.count == parts.count else { return nil }
        var year = values.count == 3 ? values[2] : nil
        if let short = year, parts[2].count == 2 { year = 2000 + short }
        return (values[0], values[1], year)
    }

    // MARK: - Word tables

    private typealias Action = @Sendable (inout ValueFacts) -> Void

    /// Phrases of several words, tried first (longest listed first).
    private static let phrases: [([String], Action)] = [
        (["the", "day", "after", "tomorrow"], { $0.dayOffset = 2 }),
        (["day", "after", "tomorrow"], { $0.dayOffset = 2 }),
        (["the", "day", "before", "yesterday"], { $0.dayOffset = -2 }),
        (["day", "before", "yesterday"], { $0.dayOffset = -2 }),
        (["no", "later", "than"], { $0.relation = .before }),
        (["not", "later", "than"], { $0.relation = .before }),
        (["no", "earlier", "than"], { $0.relation = .after }),
        (["no", "more", "than"], { $0.relation = .below }),
        (["not", "more", "than"], { $0.relation = .below }),
        (["not", "exceeding"], { $0.relation = .below }),
        (["at", "most"], { $0.relation = .below }),
        (["at", "least"], { $0.relation = .above }),
        (["prior", "to"], { $0.relation = .before }),
        (["close", "to"], { $0.relation = .around }),
        (["up", "to"], { $0.relation = .below }),
        (["less", "than"], { $0.relation = .below }),
        (["more", "than"], { $0.relation = .above }),
        (["later", "than"], { $0.relation = .after }),
        (["earlier", "than"], { $0.relation = .before }),
        (["from", "now"], { _ in }),
        (["right", "now"], { $0.isNow = true }),
    ]

    /// Single words that set a fact.
    private static let singleWords: [String: Action] = [
        "today": { $0.dayOffset = 0 }, "tonight": { $0.dayOffset = 0; $0.period = .night },
        "tomorrow": { $0.dayOffset = 1 }, "yesterday": { $0.dayOffset = -1 }, "now": { $0.isNow = true },
        "next": { $0.modifier = .next }, "following": { $0.modifier = .next },
        "this": { $0.modifier = .this }, "coming": { $0.modifier = .this }, "upcoming": { $0.modifier = .this },
        "last": { $0.modifier = .last }, "previous": { $0.modifier = .last },
        "week": { $0.periodShift = (.week, 0) }, "month": { $0.periodShift = (.month, 0) }, "year": { $0.periodShift = (.year, 0) },
        "noon": { $0.hour = 12; $0.minute = 0; $0.isPM = true }, "midday": { $0.hour = 12; $0.minute = 0; $0.isPM = true },
        "noontime": { $0.hour = 12; $0.minute = 0; $0.isPM = true },
        "midnight": { $0.hour = 0; $0.minute = 0; $0.isPM = false },
        "am": { $0.isPM = false }, "pm": { $0.isPM = true },
        "morning": { $0.period = .morning }, "mornings": { $0.period = .morning },
        "afternoon": { $0.period = .afternoon }, "afternoons": { $0.period = .afternoon },
        "evening": { $0.period = .evening }, "evenings": { $0.period = .evening },
        "night": { $0.period = .night }, "nights": { $0.period = .night }, "nighttime": { $0.period = .night },
        "early": { $0.periodModifier = .early }, "late": { $0.periodModifier = .late },
        "after": { $0.relation = .after }, "later": { $0.relation = .after }, "afterwards": { $0.relation = .after },
        "since": { $0.relation = .after }, "past": { $0.relation = .after },
        "before": { $0.relation = .before }, "earlier": { $0.relation = .before }, "by": { $0.relation = .before },
        "until": { $0.relation = .before }, "till": { $0.relation = .before }, "til": { $0.relation = .before },
        "around": { $0.relation = .around }, "about": { $0.relation = .around }, "approximately": { $0.relation = .around },
        "roughly": { $0.relation = .around }, "near": { $0.relation = .around }, "close": { $0.relation = .around },
        "under": { $0.relation = .below }, "below": { $0.relation = .below }, "less": { $0.relation = .below },
        "cheaper": { $0.relation = .below }, "within": { $0.relation = .below },
        "over": { $0.relation = .above }, "above": { $0.relation = .above }, "more": { $0.relation = .above },
    ]

    /// Words that carry no fact.
    private static let fillers: Set<String> = ["the", "of", "on", "at", "in", "for", "and", "a", "an", "oclock", "than", "o", "from"]

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static let weekdays: [String: Int] = [
        "monday": 1, "mondays": 1, "mon": 1, "tuesday": 2, "tuesdays": 2, "tue": 2, "tues": 2,
        "wednesday": 3, "wednesdays": 3, "wed": 3, "thursday": 4, "thursdays": 4, "thu": 4, "thur": 4, "thurs": 4,
        "friday": 5, "fridays": 5, "fri": 5, "saturday": 6, "saturdays": 6, "sat": 6, "sunday": 7, "sundays": 7, "sun": 7,
    ]

    private static let durationUnits: [String: ValueFacts.DurationUnit] = [
        "second": .second, "seconds": .second, "sec": .second, "secs": .second,
        "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour,
        "day": .day, "days": .day, "week": .week, "weeks": .week,
        "month": .month, "months": .month, "year": .year, "years": .year,
    ]

    private static let currencySymbols: [String: String] = ["$": "USD", "€": "EUR", "£": "GBP"]

    /// Currency words after an amount, with their ISO 4217 code and how many of them make one of its main unit.
    private static let currencyWords: [String: (code: String, subunits: Double)] = [
        "dollars": ("USD", 1), "dollar": ("USD", 1), "bucks": ("USD", 1), "usd": ("USD", 1),
        "cents": ("USD", 100), "cent": ("USD", 100),
        "euros": ("EUR", 1), "euro": ("EUR", 1), "eur": ("EUR", 1),
        "pounds": ("GBP", 1), "pound": ("GBP", 1), "gbp": ("GBP", 1),
    ]

    /// Words after a symbol and amount that scale it ("$1.5 million").
    private static let amountScales: [String: Double] = ["thousand": 1000, "million": 1_000_000]
}
