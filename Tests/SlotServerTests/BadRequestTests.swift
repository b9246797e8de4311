import Foundation
import SlotServer
import SlotTagger
import Testing

extension ServerTests {
    /// Every way a request can be wrong gets a 4xx (or a 503 when saturated)
    /// with a JSON error body saying what to fix, never a 500.
    @Suite("Bad requests")
    struct BadRequestTests {
        /// Checks a refusal: its status, Rasa's error shape, its reason, and that
        /// the message names `mention`.
        static func expectRefusal(
            _ reply: TestServer.Client.Reply, status: Int, reason: String, mentioning mention: String,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
            #expect(reply.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
            let object = try reply.object()
            #expect(object["status"] as? String == "failure", sourceLocation: sourceLocation)
            #expect(object["code"] as? Int == status, sourceLocation: sourceLocation)
            #expect(object["reason"] as? String == reason, sourceLocation: sourceLocation)
            let message = try #require(object["message"] as? String, sourceLocation: sourceLocation)
            #expect(message.contains(mention), "\(message)", sourceLocation: sourceLocation)
        }

        /// A body, the route it goes to, and the refusal it must get.
        struct Case: Sendable, CustomTestStringConvertible {
            var name: String
            var route: String
            var body: [UInt8]
            var reason: String
            var mention: String
            var testDescription: String { name }
        }

        static let cases: [Case] = [
            Case(name: "invalid JSON", route: "/parse", body: Array(#"{"text": "to denver"#.utf8), reason: "InvalidJSON", mention: "not valid JSON"),
            Case(name: "empty body", route: "/parse", body: [], reason: "InvalidJSON", mention: "empty"),
            Case(name: "missing field", route: "/parse", body: Array(#"{"txt": "to denver"}"#.utf8), reason: "MissingField", mention: "'text' is missing"),
            Case(name: "wrong type", route: "/parse", body: Array(#"{"text": 42}"#.utf8), reason: "WrongType", mention: "'text' must be a string"),
            Case(name: "null text", route: "/model/parse", body: Array(#"{"text": null}"#.utf8), reason: "WrongType", mention: "'text' is null"),
            Case(name: "not an object", route: "/parse", body: Array(#"["to denver"]"#.utf8), reason: "WrongType", mention: "must be a JSON object"),
            Case(name: "wrong element type in a batch", route: "/parse/batch", body: Array(#"{"texts": ["to denver", 3]}"#.utf8), reason: "WrongType", mention: "'texts[1]' must be a string"),
            Case(name: "wrong type of Rasa's message_id", route: "/model/parse", body: Array(#"{"text": "to denver", "message_id": {}}"#.utf8), reason: "WrongType", mention: "'message_id' must be a string"),
            Case(name: "batch field missing", route: "/parse/batch", body: Array(#"{"text": "to denver"}"#.utf8), reason: "MissingField", mention: "'texts' is missing"),
            Case(name: "invalid UTF-8", route: "/parse", body: Array(#"{"text": "to "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), reason: "InvalidUTF8", mention: "byte 13"),
        ]

        @Test("A malformed body gets 400 with what to fix", arguments: cases)
        func malformedBody(_ badCase: Case) async throws {
            try await TestServer.run { server in
                try Self.expectRefusal(try await server.post(badCase.route, bytes: badCase.body),
                                       status: 400, reason: badCase.reason, mentioning: badCase.mention)
            }
        }

        @Test("An unknown model gets 404 naming the loaded ones, on every route that takes one", arguments: ["/parse", "/parse/batch", "/model/parse"])
        func unknownModel(route: String) async throws {
            try await TestServer.run { server in
                for name in ["klingon", ""] {
                    let body: [String: Any] = route == "/parse/batch" ? ["texts": ["to denver"], "model": name] : ["text": "to denver", "model": name]
                    try Self.expectRefusal(try await server.post(route, json: body), status: 404, reason: "UnknownModel",
                                           mentioning: "no model named '\(name)' is loaded; use one of: atis-en")
                }
            }
        }

        @Test("A method a path does not serve gets 405 with Allow")
        func methodNotAllowed() async throws {
            try await TestServer.run { server in
                for (method, path, allowed) in [("TRACE", "/parse", "POST"), ("GET", "/parse/batch", "POST"), ("DELETE", "/models/atis-en", "PUT"),
                                                ("POST", "/health", "GET"), ("PATCH", "/", "GET"), ("QUERY", "/models", "GET")] {
                    let reply = try await server.send(method, path)
                    try Self.expectRefusal(reply, status: 405, reason: "MethodNotAllowed", mentioning: "\(path) answers \(allowed) only")
                    #expect(reply.header("Allow") == allowed)
                }
                #expect(try await server.get("/health").status == 200)
                #expect(try await server.get("/favicon.ico").status == 204)
            }
        }

        @Test("A body over the size limit gets 413")
        func bodyTooLarge() async throws {
            let text = String(repeating: "to denver ", count: 200)
            try await TestServer.run(limits: ServerLimits(maxBodyBytes: 1_000)) { server in
                try Self.expectRefusal(try await server.post("/parse", json: ["text": text]),
                                       status: 413, reason: "BodyTooLarge", mentioning: "1000 bytes")
                #expect(try await server.post("/parse", json: ["text": "to denver"]).status == 200)
            }
        }

        @Test("A text over the token limit gets 422 naming the field")
        func tooManyTokens() async throws {
            try await TestServer.run(limits: ServerLimits(maxTokens: 5)) { server in
                try Self.expectRefusal(try await server.post("/parse", json: ["text": "flights from boston to denver today"]),
                                       status: 422, reason: "TooManyTokens", mentioning: "'text' has 6 tokens but the limit is 5")
                try Self.expectRefusal(try await server.post("/parse/batch", json: ["texts": ["to denver", "a b c d e f g"]]),
                                       status: 422, reason: "TooManyTokens", mentioning: "'texts[1]' has 7 tokens")
                #expect(try await server.post("/parse", json: ["text": "flights to denver today"]).status == 200)
            }
        }

        @Test("A batch over the size limit gets 422")
        func batchTooLarge() async throws {
            try await TestServer.run(limits: ServerLimits(maxBatchSize: 3)) { server in
                try Self.expectRefusal(try await server.post("/parse/batch", json: ["texts": ["a", "b", "c", "d"]]),
                                       status: 422, reason: "BatchTooLarge", mentioning: "4 texts but the limit is 3")
                #expect(try await server.post("/parse/batch", json: ["texts": ["a", "b", "c"]]).status == 200)
            }
        }

        @Test("An n-best count outside 1…limit gets 422", arguments: [0, -1, 11])
        func nBestOutOfRange(k: Int) async throws {
            try await TestServer.run { server in
                try Self.expectRefusal(try await server.post("/parse", json: ["text": "to denver", "nbest": k]),
                                       status: 422, reason: "InvalidNBest", mentioning: "between 1 and 10")
            }
        }

        @Test("An unknown route gets a JSON 404")
        func unknownRoute() async throws {
            try await TestServer.run { server in
                try Self.expectRefusal(try await server.get("/nowhere"), status: 404, reason: "NotFound", mentioning: "/openapi.yaml")
                try Self.expectRefusal(try await server.send("PUT", "/models/klingon"), status: 404, reason: "UnknownModel", mentioning: "'klingon'")
            }
        }

        @Test("A batch that runs past the time limit gets 503 with Retry-After")
        func timeLimit() async throws {
            let texts = try ATISUtterances.first(600)
            try await TestServer.run(limits: ServerLimits(timeLimit: .milliseconds(1))) { server in
                let reply = try await server.post("/parse/batch", json: ["texts": texts])
                try Self.expectRefusal(reply, status: 503, reason: "TimeLimitExceeded", mentioning: "1 ms")
                #expect(reply.header("Retry-After") == "1")
            }
        }

        @Test("A body that does not arrive within the time limit gets 408")
        func lateBody() async throws {
            try await TestServer.run(limits: ServerLimits(timeLimit: .milliseconds(300))) { server in
                let connection = try RawConnection(port: server.port)
                try connection.send(RawConnection.postHead("/parse", length: 40) + #"{"text": "#)
                let reply = try await connection.receiveAll()
                #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply)")
                #expect(reply.contains(#""reason": "RequestTimeout""#))
            }
        }

        @Test("A connection on which nothing arrives is closed after the idle timeout")
        func idleConnection() async throws {
            try await TestServer.run(limits: ServerLimits(idleTimeout: .milliseconds(300))) { server in
                let connection = try RawConnection(port: server.port)
                let start = ContinuousClock.now
                let received = try await connection.receiveAll()
                #expect(received.isEmpty)
                #expect(ContinuousClock.now - start < .seconds(20))
                #expect(try await server.get("/health").status == 200)
            }
        }

        @Test("A request past the concurrency limit gets 503 with Retry-After; the one in progress finishes")
        func saturated() async throws {
            try await TestServer.run(limits: ServerLimits(maxConcurrentRequests: 1, timeLimit: .seconds(120))) { server in
                // The first request holds the only permit while its body is on its way.
                let body = #"{"text": "flights to denver"}"#
                let first = try RawConnection(port: server.port)
                try first.send(RawConnection.postHead("/parse", length: body.utf8.count) + body.prefix(5))
                // Wait until the server has read the first head and that request holds the
                // permit: a request sent before then could take the permit first.
                let deadline = ContinuousClock.now + .seconds(60)
                while server.server.requestsInProgress == 0, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(server.server.requestsInProgress == 1)
                let reply = try await server.post("/parse", json: ["text": "to denver"])
                try Self.expectRefusal(reply, status: 503, reason: "Overloaded", mentioning: "limit of 1 concurrent")
                #expect(reply.header("Retry-After") == "1")
                try first.send(String(body.dropFirst(5)))
                let answer = try await first.receiveAll()
                #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
                #expect(try await server.post("/parse", json: ["text": "to denver"]).status == 200)
            }
        }
    }
}
