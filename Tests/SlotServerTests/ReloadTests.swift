import Foundation
import SlotServer
import SlotTagger
import SlotTestSupport
import Testing

extension ServerTests {
    /// Reloading a model swaps the immutable tagger atomically: requests in
    /// flight finish on the old one and none fails.
    @Suite("Model reload", .tags(.slow), .skippedWhenFast)
    struct ReloadTests {
        @Test("PUT /models/NAME under concurrent requests: every request succeeds, every reload counts")
        func reloadUnderLoad() async throws {
            let directory = try TestServer.copyOfATIS()
            defer { TestServer.removeCopy(directory) }
            let texts = try ATISUtterances.first(24)
            let tagger = try TestServer.atis().tagger
            try await TestServer.run(models: [try ServedModel(directory: directory)]) { server in
                let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                    for client in 0..<4 {
                        group.addTask {
                            var failures = 0
                            for (index, text) in texts.enumerated() where index % 4 == client {
                                for _ in 0..<2 {
                                    let reply = try await server.post("/parse", json: ["text": text])
                                    if try reply.status != 200 || reply.text != tagger.tag(text).jsonRecord() { failures += 1 }
                                }
                            }
                            return failures
                        }
                    }
                    group.addTask {
                        var failures = 0
                        for _ in 0..<3 {
                            let reply = try await server.send("PUT", "/models/atis-en")
                            if reply.status != 200 { failures += 1 }
                        }
                        return failures
                    }
                    return try await group.reduce(0, +)
                }
                #expect(failures == 0)
                let models = try #require(try await server.get("/models").object()["models"] as? [[String: Any]])
                #expect(models[0]["generation"] as? Int == 3)
                let metrics = try await server.get("/metrics").text
                #expect(metrics.contains(#"tagger_model_reloads_total{model="atis-en",result="ok"} 3"#))
            }
        }

        @Test("A reload from a broken bundle answers 409 and the previous model keeps serving")
        func failedReloadKeepsModel() async throws {
            let directory = try TestServer.copyOfATIS()
            defer { TestServer.removeCopy(directory) }
            try await TestServer.run(models: [try ServedModel(directory: directory)]) { server in
                try FileManager.default.removeItem(atPath: directory + "/model.safetensors")
                let reply = try await server.send("PUT", "/models/atis-en")
                try BadRequestTests.expectRefusal(reply, status: 409, reason: "ReloadFailed", mentioning: "previous one stays in use")
                let parse = try await server.post("/parse", json: ["text": "flights from boston to denver"])
                #expect(parse.status == 200)
                #expect(try await server.get("/metrics").text.contains(#"tagger_model_reloads_total{model="atis-en",result="failed"} 1"#))
            }
        }
    }
}
