import Foundation
import Synchronization
import SlotServer
import SlotTagger
import Testing

extension ServerTests {
    /// `POST /parse` and `POST /parse/batch` answer exactly the library's JSONL records.
    @Suite("Parse routes")
    struct ParseRouteTests {
        static let texts = [
            "i want to fly from boston to denver tomorrow morning",
            "I'd like to arrive in Beijing on November 2nd.",
            "👍🏽 flights from Zürich to \"San Francisco\"\tplease",
            "",
        ]

        @Test("POST /parse answers the tagger tag --format jsonl record of the text", arguments: texts)
        func parseIsTheJSONLRecord(text: String) async throws {
            let tagger = try TestServer.atis().tagger
            try await TestServer.run { server in
                let reply = try await server.post("/parse", json: ["text": text])
                #expect(reply.status == 200)
                #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
                #expect(reply.text == (try tagger.tag(text).jsonRecord()))
            }
        }

        @Test("A request chooses its model by name; nbest adds the library's n-best list")
        func modelAndNBest() async throws {
            let directory = try TestServer.copyOfATIS(named: "second")
            defer { TestServer.removeCopy(directory) }
            let second = try ServedModel(directory: directory)
            let text = "flights from boston to denver"
            try await TestServer.run(models: [try TestServer.atis(), second]) { server in
                let reply = try await server.post("/parse", json: ["text": text, "model": "second", "nbest": 3])
                #expect(reply.status == 200)
                #expect(reply.text == (try second.tagger.tag(text).jsonRecord(alternatives: second.tagger.nBest(text, k: 3))))
                let nbest = try #require(try reply.object()["nbest"] as? [Any])
                #expect(nbest.count == 3)
            }
        }

        @Test("POST /parse/batch answers every text's record, in order, as the library's batch call tags them")
        func batchInOrder() async throws {
            let tagger = try TestServer.atis().tagger
            let texts = try ATISUtterances.first(70) + Self.texts
            try await TestServer.run { server in
                let reply = try await server.post("/parse/batch", json: ["texts": texts])
                #expect(reply.status == 200)
                let expected = try tagger.tag(texts, threads: 2).map { try $0.jsonRecord() }
                #expect(reply.text == "{\"model\": \"atis-en\", \"results\": [" + expected.joined(separator: ", ") + "]}")
                let results = try #require(try reply.object()["results"] as? [[String: Any]])
                #expect(results.map { $0["text"] as? String } == texts)
            }
        }

        @Test("Values resolve against the server's clock, asked once per request")
        func valuesAgainstTheClock() async throws {
            let asked = Mutex(0)
            let reference = ReferenceTime(date: CivilDate(year: 2026, month: 2, day: 28)!)
            let resolution: @Sendable () -> ResolutionOptions = {
                asked.withLock { $0 += 1 }
                return ResolutionOptions(reference: reference)
            }
            try await TestServer.run(resolution: resolution) { server in
                let text = "flights from boston to denver tomorrow"
                let record = try await server.post("/parse", json: ["text": text]).object()
                let values = try #require(record["values"] as? [[String: Any]])
                #expect((values.first?["value"] as? [String: Any])?["value"] as? String == "2026-03-01")
                let batch = try await server.post("/parse/batch", json: ["texts": [text, text]]).object()
                let results = try #require(batch["results"] as? [[String: Any]])
                for result in results {
                    let values = try #require(result["values"] as? [[String: Any]])
                    #expect((values.first?["value"] as? [String: Any])?["value"] as? String == "2026-03-01")
                }
                #expect(asked.withLock { $0 } == 2)
            }
        }

        @Test("An empty batch answers an empty list")
        func emptyBatch() async throws {
            try await TestServer.run { server in
                let reply = try await server.post("/parse/batch", json: ["texts": [String]()])
                #expect(reply.status == 200)
                #expect(reply.text == #"{"model": "atis-en", "results": []}"#)
            }
        }
    }
}
