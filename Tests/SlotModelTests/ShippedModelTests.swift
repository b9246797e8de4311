import Foundation
import SlotModel
import Testing

/// The shipped default model must use context: the same city, never seen in
/// training, is the origin after "leave" and the destination after "arrive in".
@Suite("Shipped ATIS model reads context")
struct ShippedModelTests {
    static let modelDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models/atis-en").path

    /// Cities that occur nowhere in corpora/atis/train.conll.
    static let unseenCities = ["Beijing", "Nairobi", "Reykjavik", "Lisbon", "Cairo", "Oslo"]

    @Test("An unseen city after 'leave' is the origin", arguments: unseenCities)
    func leavingNamesTheOrigin(city: String) throws {
        let tagger = try Tagger(contentsOf: Self.modelDirectory)
        let result = tagger.tag("I want to leave \(city) on November 2nd")
        #expect(result.slot("fromloc.city_name")?.text == Substring(city))
        #expect(result.slot("toloc.city_name") == nil)
    }

    @Test("An unseen city after 'arrive in' is the destination", arguments: unseenCities)
    func arrivingNamesTheDestination(city: String) throws {
        let tagger = try Tagger(contentsOf: Self.modelDirectory)
        let result = tagger.tag("I want to arrive in \(city) on November 2nd")
        #expect(result.slot("toloc.city_name")?.text == Substring(city))
        #expect(result.slot("fromloc.city_name") == nil)
    }

    @Test("An unseen city pair keeps its roles from 'from' and 'to'")
    func fromAndTo() throws {
        let tagger = try Tagger(contentsOf: Self.modelDirectory)
        let result = tagger.tag("show me flights from Nairobi to Reykjavik tomorrow")
        #expect(result.slot("fromloc.city_name")?.text == "Nairobi")
        #expect(result.slot("toloc.city_name")?.text == "Reykjavik")
        #expect(result.intent?.label == "atis_flight")
    }
}
