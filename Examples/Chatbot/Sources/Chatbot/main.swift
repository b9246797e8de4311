// A minimal chatbot: reads utterances from standard input, prints the intent
// and slots, and asks "From where?" when a flight request lacks its origin.
//
//   cd Examples/Chatbot && swift run Chatbot ../../models/atis-en
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotTagger

let modelDirectory = CommandLine.arguments.dropFirst().first ?? "models/atis-en"
let tagger: Tagger
do {
    tagger = try Tagger(contentsOf: modelDirectory)
} catch {
    print("Cannot load the model: \(error)")
    exit(66)
}

/// The bot's answer to one utterance.
func reply(to result: TaggingResult) -> String {
    guard let intent = result.intent else { return "Say something, please." }
    guard intent.label == "atis_flight" else { return "I can only help with flights (that sounded like \(intent.label))." }
    guard let origin = result.slot("fromloc.city_name") else { return "From where?" }
    let destination = result.slot("toloc.city_name")?.text ?? "anywhere"
    return "Looking for flights from \(origin.text) to \(destination)."
}

while let line = readLine() {
    let result = tagger.tag(line)
    if let intent = result.intent {
        print("intent: \(intent.label) (\(intent.confidence))")
    }
    for slot in result.slots {
        print("slot: \(slot.label) = \"\(slot.text)\" at \(slot.scalarOffsets) (\(slot.confidence))")
    }
    print("bot: \(reply(to: result))")
}
