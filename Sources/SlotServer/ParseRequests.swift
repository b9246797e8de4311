/// The body of `POST /parse`: one text, optionally a model and an n-best count.
struct ParseRequest: Decodable, Sendable {
    /// The utterance.
    var text: String
    /// The model's name; the default model when absent.
    var model: String?
    /// How many most probable labellings to add as `"nbest"`.
    var nbest: Int?

    static let example = #"{"text": "flights from boston to denver tomorrow"}"#
}

/// The body of `POST /parse/batch`: many texts, optionally a model.
struct BatchParseRequest: Decodable, Sendable {
    /// The utterances, answered in this order.
    var texts: [String]
    /// The model's name; the default model when absent.
    var model: String?

    static let example = #"{"texts": ["flights from boston to denver", "show me fares to dallas"]}"#
}

/// The body of Rasa's `POST /model/parse` (fields Rasa does not define are
/// ignored).
struct RasaParseRequest: Decodable, Sendable {
    /// The utterance.
    var text: String
    /// The model's name (an extension of Rasa's API); the default model when absent.
    var model: String?
    /// Rasa's message identifier: checked to be a string, otherwise unused.
    var messageID: String?

    private enum CodingKeys: String, CodingKey {
        case text, model
        case messageID = "message_id"
    }

    static let example = #"{"text": "flights from boston to denver tomorrow"}"#
}
