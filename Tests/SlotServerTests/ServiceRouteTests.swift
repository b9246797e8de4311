import Foundation
import SlotServer
import SlotTagger
import Testing

extension ServerTests {
    /// The routes around tagging: models, health, readiness, the OpenAPI
    /// document, the page and the metrics.
    @Suite("Service routes")
    struct ServiceRouteTests {
        @Test("GET /models lists every model with its labels, intents and training record; the first is the default")
        func models() async throws {
            let directory = try TestServer.copyOfATIS(named: "second")
            defer { TestServer.removeCopy(directory) }
            let atis = try TestServer.atis(), second = try ServedModel(directory: directory)
            try await TestServer.run(models: [atis, second]) { server in
                let reply = try await server.get("/models")
                #expect(reply.status == 200)
                let object = try reply.object()
                #expect(object["default"] as? String == "atis-en")
                let models = try #require(object["models"] as? [[String: Any]])
                #expect(models.map { $0["name"] as? String } == ["atis-en", "second"])
                #expect(models.map { $0["default"] as? Bool } == [true, false])
                #expect(models[1]["directory"] as? String == directory)
                #expect(models[1]["labels"] as? [String] == second.tagger.labels)
                #expect(models[1]["intents"] as? [String] == second.tagger.intents)
                #expect((models[0]["slotTypes"] as? [String])?.contains("fromloc.city_name") == true)
                let training = try #require(models[0]["training"] as? [String: Any])
                #expect(training["seed"] as? Int == Int(try #require(atis.tagger.configuration.training).seed))
                #expect(models[0]["generation"] as? Int == 0)
            }
        }

        @Test("GET /health and GET /ready answer 200 with the loaded models")
        func healthAndReady() async throws {
            let directory = try TestServer.copyOfATIS(named: "second")
            defer { TestServer.removeCopy(directory) }
            try await TestServer.run(models: [try TestServer.atis(), try ServedModel(directory: directory)]) { server in
                let health = try await server.get("/health")
                #expect(health.status == 200)
                #expect(try health.object()["status"] as? String == "ok")
                let ready = try await server.get("/ready")
                #expect(ready.status == 200)
                #expect(try ready.object()["models"] as? [String] == ["atis-en", "second"])
            }
        }

        @Test("GET /openapi.yaml serves the committed document")
        func openAPIDocument() async throws {
            let committed = try Data(contentsOf: TestServer.repositoryRoot.appendingPathComponent("Sources/SlotServer/Resources/openapi.yaml"))
            try await TestServer.run { server in
                let reply = try await server.get("/openapi.yaml")
                #expect(reply.status == 200)
                #expect(reply.body == committed)
                for path in ["/parse:", "/parse/batch:", "/model/parse:", "/models:", "/models/{name}:", "/health:", "/ready:", "/metrics:"] {
                    #expect(reply.text.contains("\n  \(path)\n"), "\(path)")
                }
            }
        }

        @Test("GET / serves one self-contained page: no external script, style, font or image")
        func page() async throws {
            try await TestServer.run { server in
                let reply = try await server.get("/")
                #expect(reply.status == 200)
                #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
                #expect(reply.text.hasPrefix("<!doctype html>"))
                #expect(!reply.text.contains("http://") && !reply.text.contains("https://") && !reply.text.contains("//cdn"))
                #expect(!reply.text.contains("src=") && !reply.text.contains("<link"))
                #expect(reply.text.contains("fetch(\"parse\""))
            }
        }

        @Test("GET /metrics counts requests by route and status, latency and tokens tagged")
        func metrics() async throws {
            try await TestServer.run { server in
                let texts = ["flights from boston to denver", "to denver", "show me fares"]
                for text in texts {
                    #expect(try await server.post("/parse", json: ["text": text]).status == 200)
                }
                #expect(try await server.post("/parse", json: ["txt": "x"]).status == 400)
                #expect(try await server.get("/nowhere").status == 404)
                let reply = try await server.get("/metrics")
                #expect(reply.status == 200)
                #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
                let lines = reply.text.split(separator: "\n").map(String.init)
                #expect(lines.contains(#"http_requests_total{route="/parse",method="POST",status="200"} 3"#), "\(reply.text)")
                #expect(lines.contains(#"http_requests_total{route="/parse",method="POST",status="400"} 1"#))
                #expect(lines.contains(#"http_requests_total{route="NotFound",method="GET",status="404"} 1"#))
                #expect(lines.contains(#"http_request_duration_seconds_count{route="/parse"} 4"#))
                #expect(lines.contains { $0.hasPrefix(#"http_request_duration_seconds_bucket{route="/parse",le="0.001"}"#) })
                #expect(lines.contains(#"tagger_tokens_total{model="atis-en"} 10"#))
            }
        }
    }
}
