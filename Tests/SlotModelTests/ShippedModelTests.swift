import Foundation
import SlotModel
import SlotTestSupport
import Testing

/// The shipped default model must use context: a city never seen in training
/// is the origin after "leave" and the destination after "arrive in".
@Suite("Shipped ATIS model reads context", .tags(.slow), .skippedWhenFast)
struct ShippedModelTests {
    static let modelDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models/atis-en").path

    /// Cities that occur nowhere in corpora/atis/train.conll.
    static let unseenCities = ["Beijing", "Nairobi", "Reykjavik", "Lisbon", "Cairo", "Oslo"]

    /// Tags "leave X" and "arrive in X" for every unseen city and counts, per
    /// frame, the cities labelled with the right role and with the wrong one.
    ///
    /// - Parameter short: the bare frames "leave X on November 2nd" and "arrive X
    ///   on November 2nd" (DEVELOPERS.md's example; less context than the
    ///   README's "I want to leave X …" and "I want to arrive in X …").
    static func roles(short: Bool = false) throws -> (right: Int, swapped: Int, total: Int) {
        let tagger = try Tagger(contentsOf: modelDirectory)
        var right = 0, swapped = 0
        for city in unseenCities {
            let leaving = tagger.tag(short ? "leave \(city) on November 2nd" : "I want to leave \(city) on November 2nd")
            if leaving.slot("fromloc.city_name")?.text == Substring(city) { right += 1 }
            if leaving.slot("toloc.city_name")?.text == Substring(city) { swapped += 1 }
            let arriving = tagger.tag(short ? "arrive \(city) on November 2nd" : "I want to arrive in \(city) on November 2nd")
            if arriving.slot("toloc.city_name")?.text == Substring(city) { right += 1 }
            if arriving.slot("fromloc.city_name")?.text == Substring(city) { swapped += 1 }
        }
        return (right, swapped, 2 * unseenCities.count)
    }

    @Test("Context, not the word, decides the role: an unseen city is never given the opposite role")
    func neverSwapped() throws {
        #expect(try Self.roles().swapped == 0)
    }

    @Test("At least five in six unseen cities are labelled with the role their verb gives them")
    func mostUnseenCitiesFound() throws {
        let roles = try Self.roles()
        // Training augments slot values (unknown word, random spellings), so context decides the role.
        #expect(roles.right * 6 >= roles.total * 5, "\(roles.right) of \(roles.total) unseen-city roles found")
    }

    @Test("In the bare 'leave X on November 2nd' and 'arrive X on November 2nd' too, context gives an unseen city its role")
    func shortFrames() throws {
        let roles = try Self.roles(short: true)
        #expect(roles.swapped == 0)
        // The shipped model's slots read no pretrained vectors (only its intents do); a recipe with vectors in the
        // encoder found 6 and was not shipped, nor a seed that found 9 (models/EXPERIMENTS.md).
        #expect(roles.right * 6 >= roles.total * 5, "\(roles.right) of \(roles.total) unseen-city roles found")
    }

    @Test("An unseen city after 'from' is the origin, whatever follows")
    func fromNamesTheOrigin() throws {
        let tagger = try Tagger(contentsOf: Self.modelDirectory)
        let result = tagger.tag("show me flights from Nairobi to Boston tomorrow")
        #expect(result.slot("fromloc.city_name")?.text == "Nairobi")
        #expect(result.slot("toloc.city_name")?.text == "Boston")
        #expect(result.intent?.label == "atis_flight")
    }
}
