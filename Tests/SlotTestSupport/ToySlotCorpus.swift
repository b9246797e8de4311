import SlotCorpus

/// A tiny hand-made travel corpus in ATIS style, for "a small model fits its
/// training data" tests: 20 utterances with BIO slot labels and intents.
///
/// It contrasts origin and destination cues ("from X", "leave X", "leaving X",
/// "departing X" versus "to X", "arrive in X", "arriving in X", "into X"), so
/// that the same city name takes different labels depending on context, and
/// includes a multi-token city (`new york`, `san francisco`, `los angeles`)
/// and day names.
package enum ToySlotCorpus {
    /// The utterances, in a fixed order.
    package static let sentences: [AnnotatedSentence] = [
        sentence("atis_flight", "show me flights from boston to denver",
                 "O O O O B-fromloc.city_name O B-toloc.city_name"),
        sentence("atis_flight", "i want to leave boston on monday",
                 "O O O O B-fromloc.city_name O B-depart_date.day_name"),
        sentence("atis_flight", "i want to arrive in boston on monday",
                 "O O O O O B-toloc.city_name O B-depart_date.day_name"),
        sentence("atis_flight", "leave denver on friday and arrive in dallas",
                 "O B-fromloc.city_name O B-depart_date.day_name O O O B-toloc.city_name"),
        sentence("atis_flight", "flights from new york to san francisco",
                 "O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name I-toloc.city_name"),
        sentence("atis_flight", "flights from san francisco to new york on tuesday",
                 "O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name I-toloc.city_name O B-depart_date.day_name"),
        sentence("atis_flight", "leaving dallas arriving in boston",
                 "O B-fromloc.city_name O O B-toloc.city_name"),
        sentence("atis_flight", "departing denver on wednesday",
                 "O B-fromloc.city_name O B-depart_date.day_name"),
        sentence("atis_flight", "i need a flight into los angeles",
                 "O O O O O B-toloc.city_name I-toloc.city_name"),
        sentence("atis_flight", "what flights leave los angeles on thursday",
                 "O O O B-fromloc.city_name I-fromloc.city_name O B-depart_date.day_name"),
        sentence("atis_flight", "what flights arrive in dallas on sunday",
                 "O O O O B-toloc.city_name O B-depart_date.day_name"),
        sentence("atis_flight", "fly from denver to boston on saturday",
                 "O O B-fromloc.city_name O B-toloc.city_name O B-depart_date.day_name"),
        sentence("atis_airfare", "how much is a ticket from boston to dallas",
                 "O O O O O O B-fromloc.city_name O B-toloc.city_name"),
        sentence("atis_airfare", "what is the fare from denver to new york",
                 "O O O O O B-fromloc.city_name O B-toloc.city_name I-toloc.city_name"),
        sentence("atis_airfare", "cheapest fare to san francisco",
                 "O O O B-toloc.city_name I-toloc.city_name"),
        sentence("atis_airfare", "how much does it cost to leave dallas on monday",
                 "O O O O O O O B-fromloc.city_name O B-depart_date.day_name"),
        sentence("atis_airfare", "price of a flight arriving in los angeles",
                 "O O O O O O B-toloc.city_name I-toloc.city_name"),
        sentence("atis_airfare", "fares from boston",
                 "O O B-fromloc.city_name"),
        sentence("atis_ground_service", "ground transportation in denver",
                 "O O O B-city_name"),
        sentence("atis_ground_service", "is there a taxi in new york",
                 "O O O O O B-city_name I-city_name"),
    ]

    /// Every label of the corpus, `O` first, then sorted.
    package static var labels: [String] {
        ["O"] + Set(sentences.flatMap(\.labels)).subtracting(["O"]).sorted()
    }

    /// Every intent of the corpus, sorted.
    package static var intents: [String] {
        Set(sentences.compactMap(\.intent)).sorted()
    }

    private static func sentence(_ intent: String, _ text: String, _ labels: String) -> AnnotatedSentence {
        let tokens = text.split(separator: " ").map(String.init)
        let labels = labels.split(separator: " ").map(String.init)
        precondition(tokens.count == labels.count, "toy sentence '\(text)' has \(tokens.count) tokens and \(labels.count) labels")
        return AnnotatedSentence(tokens: tokens, labels: labels, intent: intent)
    }
}
