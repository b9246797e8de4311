import Foundation
import SlotModel
import SlotValues
import Testing

/// Values and canonical forms on tagging results, with the shipped ATIS model.
@Suite("Resolved values on tagging results")
struct TaggerValuesTests {
    /// Wednesday 2026-10-28, 09:00 UTC.
    static let options = ResolutionOptions(
        reference: ReferenceTime(date: CivilDate(year: 2026, month: 10, day: 28)!, time: ClockTime(hour: 9)!))

    /// The shipped model, loaded once for every test of the suite.
    static let shipped = Result { try Tagger(contentsOf: ShippedModelTests.modelDirectory) }

    @Test("Sibling slots give one value on the result and on each member slot")
    func groupedValues() throws {
        let tagger = try Self.shipped.get()
        let result = tagger.tag("show me flights from boston to denver after 5 pm on november 2nd", resolving: Self.options)
        let date = try #require(result.values.first { $0.name == "depart_date" })
        #expect(date.value == .date(CivilDate(year: 2026, month: 11, day: 2)!))
        #expect(date.members.map { result.slots[$0].label } == ["depart_date.month_name", "depart_date.day_number"])
        let time = try #require(result.values.first { $0.name == "depart_time" })
        #expect(time.value == .time(ClockTime(hour: 17)!, relation: .after))
        #expect(result.slot("depart_date.month_name")?.value == date.value)
        #expect(result.slot("depart_date.day_number")?.value == date.value)
        #expect(result.slot("depart_time.time")?.value == time.value)
        #expect(result.slot("fromloc.city_name")?.value == nil)
        #expect(result.slot("fromloc.city_name")?.canonical == nil)   // the shipped model has no synonym table
    }

    @Test("The reference date decides relative dates; batch and single calls agree")
    func referenceDate() throws {
        let tagger = try Self.shipped.get()
        let text = "i want to fly from boston to denver tomorrow"
        let result = tagger.tag(text, resolving: Self.options)
        #expect(result.slot("depart_date.today_relative")?.value?.value == "2026-10-29")
        let batch = tagger.tag([text, "flights to denver next friday"], threads: 1, resolving: Self.options)
        #expect(batch[0].values == result.values)
        #expect(batch[1].values.map(\.value.value) == ["2026-11-06"])
    }

    @Test("A synonym table travels in the bundle; bundles without one still load")
    func synonymsRoundTrip() throws {
        var configuration = ToyModel.configuration()
        configuration.synonyms = try SynonymTable(parsing: "NYC,New York\nnew york city,New York\n", format: .csv)
        let directory = ModelRoundTripTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Tagger(configuration: configuration, network: ToyModel.network(configuration)).write(to: directory, modelCard: "# toy\n")
        let loaded = try Tagger(contentsOf: directory)
        #expect(loaded.configuration.synonyms == configuration.synonyms)
        #expect(loaded.configuration.synonyms?.canonical(for: "nyc") == "New York")
        #expect(try Self.shipped.get().configuration.synonyms == nil)   // written before tables existed
    }

    @Test("Slots whose text the table holds carry its canonical form, whatever their case")
    func canonicalForms() throws {
        let shipped = try Self.shipped.get()
        var configuration = shipped.configuration
        configuration.synonyms = try SynonymTable(parsing: #"{"New York": ["NYC", "new york city"], "Denver": ["DEN"]}"#, format: .json)
        let tagger = Tagger(configuration: configuration, network: shipped.network)
        let result = tagger.tag("flights from New York City to denver", resolving: Self.options)
        #expect(result.slot("fromloc.city_name")?.text == "New York City")
        #expect(result.slot("fromloc.city_name")?.canonical == "New York")
        #expect(result.slot("toloc.city_name")?.canonical == "Denver")
    }

    @Test("Values and canonical forms survive the result's JSON round trip; records without them still decode")
    func codable() throws {
        let shipped = try Self.shipped.get()
        var configuration = shipped.configuration
        configuration.synonyms = try SynonymTable(pairs: [("boston", "Boston, MA")])
        let tagger = Tagger(configuration: configuration, network: shipped.network)
        let result = tagger.tag("flights from boston to denver after 5 pm on november 2nd", resolving: Self.options)
        #expect(!result.values.isEmpty)
        let decoded = try JSONDecoder().decode(TaggingResult.self, from: JSONEncoder().encode(result))
        #expect(decoded.values == result.values)
        #expect(decoded.slots.map(\.value) == result.slots.map(\.value))
        #expect(decoded.slots.map(\.canonical) == result.slots.map(\.canonical))
        #expect(decoded.slot("fromloc.city_name")?.canonical == "Boston, MA")
        let plain = #"{"text": "hi", "tokens": [], "slots": [], "intent": null}"#
        #expect(try JSONDecoder().decode(TaggingResult.self, from: Data(plain.utf8)).values.isEmpty)
    }
}
