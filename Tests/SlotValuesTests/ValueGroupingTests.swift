import SlotValues
import Testing

@Suite("Grouping of sibling slots")
struct ValueGroupingTests {
    /// Wednesday 2026-10-28, 09:00 UTC.
    let resolver = ValueResolver(options: ResolutionOptions(
        reference: ReferenceTime(date: CivilDate(year: 2026, month: 10, day: 28)!, time: ClockTime(hour: 9)!)))

    @Test("Month name, day number and day name make one depart_date")
    func monthDayAndDayName() {
        let groups = resolver.values(of: [
            ("fromloc.city_name", "Beijing"), ("depart_date.day_name", "monday"),
            ("depart_date.month_name", "november"), ("depart_date.day_number", "second"),
        ])
        #expect(groups == [ValueGroup(name: "depart_date", members: [1, 2, 3], value: .date(CivilDate(year: 2026, month: 11, day: 2)!))])
    }

    @Test("A time relation and a time make one time with its relation")
    func relationAndTime() {
        let groups = resolver.values(of: [("depart_time.time_relative", "after"), ("depart_time.time", "5pm")])
        #expect(groups.count == 1)
        #expect(groups.first?.name == "depart_time")
        #expect(groups.first?.members == [0, 1])
        #expect(groups.first?.value == .time(ClockTime(hour: 17)!, relation: .after))
    }

    @Test("A time and a separate am/pm period make one time")
    func timeAndMeridiemPeriod() {
        let groups = resolver.values(of: [("arrive_time.time", "8"), ("arrive_time.period_of_day", "pm")])
        #expect(groups.map(\.value) == [.time(ClockTime(hour: 20)!)])
        let evening = resolver.values(of: [("depart_time.time", "six"), ("depart_time.period_of_day", "evening")])
        #expect(evening.map(\.value) == [.time(ClockTime(hour: 18)!)])
    }

    @Test("Start and end times make an interval; the period applies to both")
    func startAndEnd() {
        let groups = resolver.values(of: [
            ("depart_time.start_time", "10 am"), ("depart_time.end_time", "2 pm"),
        ])
        #expect(groups.map(\.value) == [.interval(from: ClockTime(hour: 10)!, to: ClockTime(hour: 14)!)])
        let afternoon = resolver.values(of: [
            ("depart_time.start_time", "2"), ("depart_time.end_time", "4"), ("depart_time.period_of_day", "afternoon"),
        ])
        #expect(afternoon.map(\.value) == [.interval(from: ClockTime(hour: 14)!, to: ClockTime(hour: 16)!)])
        let morning = resolver.values(of: [("depart_time.start_time", "6"), ("depart_time.end_time", "10 am")])
        #expect(morning.map(\.value) == [.interval(from: ClockTime(hour: 6)!, to: ClockTime(hour: 10)!)])
        let acrossNoon = resolver.values(of: [("depart_time.start_time", "10"), ("depart_time.end_time", "2 pm")])
        #expect(acrossNoon.map(\.value) == [.interval(from: ClockTime(hour: 10)!, to: ClockTime(hour: 14)!)])
        let onlyStart = resolver.values(of: [("arrive_time.start_time", "6 pm")])
        #expect(onlyStart.map(\.value) == [.time(ClockTime(hour: 18)!, relation: .after)])
    }

    @Test("A cost relation joins the fare amount after it")
    func costRelationAndAmount() {
        let groups = resolver.values(of: [("cost_relative", "under"), ("fare_amount", "400 dollars")])
        #expect(groups == [ValueGroup(name: "fare_amount", members: [0, 1], value: .money(400, currency: "USD", relation: .below))])
        // "cheapest" has no value and does not spoil the amount.
        let cheapest = resolver.values(of: [("cost_relative", "cheapest"), ("fare_amount", "$400")])
        #expect(cheapest.map(\.members) == [[1]])
    }

    @Test("Depart and return dates stay apart")
    func departAndReturn() {
        let groups = resolver.values(of: [
            ("depart_date.month_name", "november"), ("depart_date.day_number", "2nd"),
            ("return_date.month_name", "november"), ("return_date.day_number", "9th"),
        ])
        #expect(groups.map(\.name) == ["depart_date", "return_date"])
        #expect(groups.map(\.value.value) == ["2026-11-02", "2026-11-09"])
        #expect(groups.map(\.members) == [[0, 1], [2, 3]])
    }

    @Test("A repeated part starts a new value: monday or tuesday")
    func repeatedPart() {
        let groups = resolver.values(of: [("depart_date.day_name", "monday"), ("depart_date.day_name", "tuesday")])
        #expect(groups.map(\.value.value) == ["2026-11-02", "2026-11-03"])
        #expect(groups.map(\.members) == [[0], [1]])
    }

    @Test("Next and a day name make one date; a relative word alone makes none")
    func relativeAndDayName() {
        let groups = resolver.values(of: [("depart_date.date_relative", "next"), ("depart_date.day_name", "friday")])
        #expect(groups.map(\.value.value) == ["2026-11-06"])   // from Wednesday 2026-10-28: Friday of the week of November 2nd
        #expect(resolver.values(of: [("depart_date.date_relative", "next")]).isEmpty)
    }

    @Test("Numbers do not group; labels without a role get nothing")
    func numbersAndOthers() {
        let groups = resolver.values(of: [
            ("party_size_number", "four"), ("party_size_number", "2"), ("toloc.city_name", "boston"), ("airline_name", "delta"),
        ])
        #expect(groups.map(\.members) == [[0], [1]])
        #expect(groups.map(\.value) == [.number(4), .number(2)])
    }

    @Test("A date and a time of one unprefixed timeRange slot make a date-time")
    func dateAndTimeInOneSlot() {
        #expect(resolver.value(of: "tomorrow at 7:30 pm", label: "timeRange") == .dateTime(
            CivilDate(year: 2026, month: 10, day: 29)!, ClockTime(hour: 19, minute: 30)!))
    }
}
