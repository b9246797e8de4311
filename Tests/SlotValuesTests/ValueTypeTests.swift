import Foundation
import SlotValues
import Testing

@Suite("Value types")
struct ValueTypeTests {
    @Test("CivilDate's day count and weekday agree with stepping day by day from 1970-01-01, 1890 to 2110")
    func civilDateArithmetic() throws {
        var date = try #require(CivilDate(year: 1890, month: 1, day: 1))
        var days = date.daysSinceEpoch
        var weekday = date.weekday
        #expect(weekday == 3)   // 1890-01-01 was a Wednesday
        while date.year < 2110 {
            // Step to the next day by the calendar's rules alone.
            let next = CivilDate(year: date.year, month: date.month, day: date.day + 1)
                ?? CivilDate(year: date.year, month: date.month + 1, day: 1)
                ?? CivilDate(year: date.year + 1, month: 1, day: 1)!
            days += 1
            weekday = weekday % 7 + 1
            #expect(next.daysSinceEpoch == days)
            #expect(CivilDate(daysSinceEpoch: days) == next)
            #expect(next.weekday == weekday)
            if next.daysSinceEpoch != days { return }
            date = next
        }
        #expect(CivilDate(year: 2026, month: 11, day: 27)?.weekday == 5)   // a Friday
    }

    @Test("Dates that do not exist are nil; leap years follow the Gregorian rule")
    func invalidDates() {
        #expect(CivilDate(year: 2026, month: 2, day: 30) == nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2028, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2026, month: 1, day: 31)?.adding(months: 1) == CivilDate(year: 2026, month: 2, day: 28))
        #expect(CivilDate(year: 2026, month: 12, day: 15)?.firstOfMonth(adding: -13) == CivilDate(year: 2025, month: 11, day: 1))
    }

    @Test("A reference from a moment and an offset gives the local date and time")
    func referenceFromUnixTime() {
        // 2026-11-27T23:30:00Z
        let moment = CivilDate(year: 2026, month: 11, day: 27)!.daysSinceEpoch * 86_400 + 23 * 3600 + 30 * 60
        let utc = ReferenceTime(unixTime: moment)
        #expect(utc.date == CivilDate(year: 2026, month: 11, day: 27) && utc.time == ClockTime(hour: 23, minute: 30))
        let tokyo = ReferenceTime(unixTime: moment, utcOffsetSeconds: 9 * 3600)
        #expect(tokyo.date == CivilDate(year: 2026, month: 11, day: 28) && tokyo.time == ClockTime(hour: 8, minute: 30))
        let losAngeles = ReferenceTime(unixTime: moment - 24 * 3600, utcOffsetSeconds: -8 * 3600)
        #expect(losAngeles.date == CivilDate(year: 2026, month: 11, day: 26) && losAngeles.time == ClockTime(hour: 15, minute: 30))
        // "tomorrow" is a different day in Tokyo than in UTC at that moment.
        let tomorrow = { (reference: ReferenceTime) in
            ValueResolver(options: ResolutionOptions(reference: reference)).value(of: "tomorrow", label: "date")?.value
        }
        #expect(tomorrow(utc) == "2026-11-28")
        #expect(tomorrow(tokyo) == "2026-11-29")
        #expect(tokyo.offsetText == "+09:00" && utc.offsetText == "Z")
    }

    @Test("References parse from ISO 8601 dates and times")
    func parsing() {
        #expect(ReferenceTime(parsing: "2026-11-27") == ReferenceTime(date: CivilDate(year: 2026, month: 11, day: 27)!))
        #expect(ReferenceTime(parsing: "2026-11-27T10:30:15", utcOffsetSeconds: 3600) == ReferenceTime(
            date: CivilDate(year: 2026, month: 11, day: 27)!, time: ClockTime(hour: 10, minute: 30, second: 15)!, utcOffsetSeconds: 3600))
        for bad in ["2026-02-30", "2026-11-27T25:00", "27/11/2026", "2026-11-27T10", "2026-1-2", "", "2026-11-27T10:30Z"] {
            #expect(ReferenceTime(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("The current moment is today's date from the system clock")
    func now() {
        let reference = ReferenceTime.now()
        let seconds = Int(Date().timeIntervalSince1970)
        #expect(abs(reference.date.daysSinceEpoch * 86_400 + reference.time.secondsSinceMidnight - seconds) <= 2)
    }

    @Test("UTC offsets parse from the usual spellings", arguments: [
        ("UTC", 0), ("Z", 0), ("+02:00", 7200), ("-08:00", -28800), ("+0530", 19800), ("UTC+01:00", 3600),
        ("GMT-3", -10800), ("+5:30", 19800),
    ])
    func offsets(text: String, seconds: Int) {
        #expect(ReferenceTime.utcOffset(parsing: text) == seconds)
    }

    @Test("Malformed or out-of-range offsets are nil", arguments: ["Europe/Paris", "+25:00", "+02:75", "2", "+", "+1:2:3", ""])
    func badOffsets(text: String) {
        #expect(ReferenceTime.utcOffset(parsing: text) == nil)
    }

    @Test("Values encode as Duckling-like JSON with only their own fields, and decode back")
    func jsonRoundTrip() throws {
        let values: [SlotValue] = [
            .date(CivilDate(year: 2026, month: 11, day: 2)!), .time(ClockTime(hour: 17)!, relation: .after),
            .money(400, currency: "USD", relation: .below), .interval(from: ClockTime(hour: 6)!, to: ClockTime(hour: 12)!),
            .number(3.5), .ordinal(2), .dateTime(CivilDate(year: 2026, month: 11, day: 2)!, ClockTime(hour: 9, minute: 5, second: 7)!),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let texts = try values.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        #expect(texts[0] == #"{"grain":"day","type":"date","value":"2026-11-02"}"#)
        #expect(texts[1] == #"{"grain":"minute","relation":"after","type":"time","value":"17:00"}"#)
        #expect(texts[2] == #"{"amount":400,"currency":"USD","relation":"below","type":"money","value":"400"}"#)
        #expect(texts[3] == #"{"from":"06:00","grain":"minute","to":"12:00","type":"interval","value":"06:00\/12:00"}"#)
        #expect(texts[6] == #"{"grain":"second","type":"dateTime","value":"2026-11-02T09:05:07"}"#)
        let decoded = try texts.map { try JSONDecoder().decode(SlotValue.self, from: Data($0.utf8)) }
        #expect(decoded == values)
    }

    @Test("A resolver never crashes on odd text", arguments: ["", "   ", "$", "the", "of of of", "99999999999999999999 dollars",
                                                               "31/31/31", "::", "1e400", "🙂 tomorrow", "feb 30 30 30"])
    func oddText(text: String) {
        let resolver = ValueResolver()
        for label in ["date", "depart_time.time", "fare_amount", "number", "timeRange", "year"] {
            _ = resolver.value(of: text, label: label)
        }
    }
}
