import Foundation
import SlotServer
import SlotTagger
import Testing

extension ServerTests {
    /// `POST /model/parse` answers in the shape of Rasa's NLU HTTP API.
    @Suite("Rasa route")
    struct RasaRouteTests {
        /// Checks `object` against the `ParseResult` schema of Rasa's published
        /// OpenAPI document (`docs/static/spec/rasa.yml`): `text` required; `intent`
        /// an object with the required `name` (string) and `confidence` (number);
        /// `entities` items with the required `start`, `end` (integers), `value`,
        /// `entity` (strings); `intent_ranking` a list of intents. Also the
        /// fields Rasa 3 writes on every entity: `confidence_entity` and `extractor`.
        static func expectRasaParseResult(_ object: [String: Any]) {
            #expect(object["text"] is String)
            if let intent = object["intent"] {
                let intent = intent as? [String: Any]
                #expect(intent?["name"] is String)
                #expect(intent?["confidence"] is Double)
            }
            for entity in object["entities"] as? [[String: Any]] ?? [] {
                #expect(entity["start"] is Int)
                #expect(entity["end"] is Int)
                #expect(entity["value"] is String)
                #expect(entity["entity"] is String)
                #expect(entity["confidence_entity"] is Double)
                #expect(entity["extractor"] as? String == "slot-tagger")
            }
            #expect(object["entities"] is [Any])
            for intent in object["intent_ranking"] as? [[String: Any]] ?? [] {
                #expect(intent["name"] is String)
                #expect(intent["confidence"] is Double)
            }
            #expect(object["intent_ranking"] is [Any])
        }

        @Test("Entities carry Python str offsets (Unicode scalars) of their exact text")
        func offsetsAsPythonCounts() async throws {
            // 👍🏽 is two scalars (U+1F44D U+1F3FD) and 4 UTF-16 units; "Zürich" with a precomposed ü.
            let text = "👍🏽 flights from Zürich to denver"
            try await TestServer.run { server in
                let reply = try await server.post("/model/parse", json: ["text": text, "message_id": "m1"])
                #expect(reply.status == 200)
                let object = try reply.object()
                Self.expectRasaParseResult(object)
                #expect(object["text"] as? String == text)
                let entities = try #require(object["entities"] as? [[String: Any]])
                let from = try #require(entities.first { $0["entity"] as? String == "fromloc.city_name" })
                // Hand-counted: 👍🏽(0,1) space(2) flights(3-9) space(10) from(11-14) space(15) Zürich(16-21).
                #expect(from["start"] as? Int == 16)
                #expect(from["end"] as? Int == 22)
                #expect(from["value"] as? String == "Zürich")
                let to = try #require(entities.first { $0["entity"] as? String == "toloc.city_name" })
                #expect(to["start"] as? Int == 26)
                #expect(to["end"] as? Int == 32)
                let scalars = Array(text.unicodeScalars)
                for entity in entities {
                    let start = try #require(entity["start"] as? Int), end = try #require(entity["end"] as? Int)
                    var value = String.UnicodeScalarView()
                    value.append(contentsOf: scalars[start..<end])
                    #expect(String(value) == entity["value"] as? String)
                }
            }
        }

        @Test("Intent and ranking come from the library's result; every slot becomes an entity")
        func sameAsLibrary() async throws {
            let tagger = try TestServer.atis().tagger
            let texts = try ATISUtterances.first(20)
            try await TestServer.run { server in
                for text in texts {
                    let object = try await server.post("/model/parse", json: ["text": text]).object()
                    Self.expectRasaParseResult(object)
                    let result = tagger.tag(text)
                    let intent = object["intent"] as? [String: Any]
                    #expect(intent?["name"] as? String == result.intent?.label)
                    let ranking = try #require(object["intent_ranking"] as? [[String: Any]])
                    #expect(ranking.map { $0["name"] as? String } == result.intentRanking.prefix(10).map(\.label))
                    #expect(ranking.count == min(10, result.intentRanking.count))
                    let entities = try #require(object["entities"] as? [[String: Any]])
                    #expect(entities.map { $0["entity"] as? String } == result.slots.map(\.label))
                    #expect(entities.map { $0["value"] as? String } == result.slots.map { String($0.text) })
                }
            }
        }

        @Test("With a fallback rule, nlu_fallback is the intent and comes first in the ranking, before the model's")
        func fallbackFirst() async throws {
            let directory = try TestServer.copyOfATIS()
            defer { TestServer.removeCopy(directory) }
            // Threshold 1: every intent probability is below it, so every utterance falls back.
            let model = try ServedModel(directory: directory, intentFallback: IntentFallback(threshold: 1))
            let text = "flights from boston to denver"
            let modelRanking = try TestServer.atis().tagger.tag(text).intentRanking.prefix(10).map(\.label)
            try await TestServer.run(models: [model]) { server in
                let object = try await server.post("/model/parse", json: ["text": text]).object()
                Self.expectRasaParseResult(object)
                let intent = try #require(object["intent"] as? [String: Any])
                #expect(intent["name"] as? String == "nlu_fallback")
                #expect(intent["confidence"] as? Double == 1)
                let ranking = try #require(object["intent_ranking"] as? [[String: Any]])
                #expect(ranking.map { $0["name"] as? String } == ["nlu_fallback"] + modelRanking)
                // The same rule in the JSONL record of /parse, and after a reload.
                let record = try await server.post("/parse", json: ["text": text]).object()
                #expect((record["intent"] as? [String: Any])?["label"] as? String == "nlu_fallback")
                _ = try await server.send("PUT", "/models/atis-en")
                let reloaded = try await server.post("/model/parse", json: ["text": text]).object()
                #expect((reloaded["intent"] as? [String: Any])?["name"] as? String == "nlu_fallback")
            }
        }

        @Test("An empty text has no intent and no entities")
        func emptyText() async throws {
            try await TestServer.run { server in
                let object = try await server.post("/model/parse", json: ["text": ""]).object()
                Self.expectRasaParseResult(object)
                #expect(object["intent"] == nil)
                #expect((object["entities"] as? [Any])?.isEmpty == true)
            }
        }
    }
}
