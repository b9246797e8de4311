import Foundation
import Logging
import SlotServer
import SlotTagger

/// A ``TaggerServer`` started in-process on a free loopback port for one
/// test, and an HTTP/1.1 client over a real TCP connection to talk to it.
struct TestServer {
    /// The server.
    let server: TaggerServer
    /// The port it listens on.
    let port: Int

    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped ATIS model, loaded once per test run. (The SNIPS model
    /// takes minutes to load in a debug build: tests that need a second model
    /// use ``copyOfATIS(named:)``.)
    static func atis() throws -> ServedModel { try shippedATIS.get() }

    private static let shippedATIS = Result {
        try ServedModel(directory: repositoryRoot.appendingPathComponent("models/atis-en").path)
    }

    /// A copy of `models/atis-en` in a new temporary directory whose last
    /// component (the model's name) is `name`.
    static func copyOfATIS(named name: String = "atis-en") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("server-test-\(UUID().uuidString)/\(name)")
        try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("models/atis-en"), to: directory)
        return directory.path
    }

    /// Removes a directory made by ``copyOfATIS(named:)``.
    static func removeCopy(_ directory: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: directory).deletingLastPathComponent().path)
    }

    /// Errors of the fixture itself.
    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Starts a server over `models`, runs `body` against it, and stops it.
    static func run<Result: Sendable>(
        models: [ServedModel]? = nil, limits: ServerLimits = ServerLimits(),
        resolution: @escaping @Sendable () -> ResolutionOptions = { ResolutionOptions() },
        _ body: (TestServer) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "tagger-server-test")
        logger.logLevel = .critical
        let server = TaggerServer(
            registry: ModelRegistry(try models ?? [atis()]), limits: limits, logger: logger, resolution: resolution)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = server.makeApplication(host: "127.0.0.1", port: 0) { port in continuation.yield(port) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw FixtureError("the server did not start") }
            do {
                let result = try await body(TestServer(server: server, port: port))
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// A client of this server.
    var client: Client { Client(port: port) }

    /// Sends a request and waits for the reply.
    func send(_ method: String, _ path: String, body: Data? = nil) async throws -> Client.Reply {
        try await client.send(method, path, body: body)
    }

    /// `POST path` with a JSON body.
    func post(_ path: String, json: Any) async throws -> Client.Reply { try await client.post(path, json: json) }

    /// `POST path` with raw bytes.
    func post(_ path: String, bytes: [UInt8]) async throws -> Client.Reply { try await client.post(path, bytes: bytes) }

    /// `GET path`.
    func get(_ path: String) async throws -> Client.Reply { try await client.get(path) }

    /// An HTTP/1.1 client of a server on a loopback port: one TCP connection
    /// per request, the bytes written and read as they go over the wire.
    struct Client: Sendable {
        /// The server's port on 127.0.0.1.
        let port: Int

        /// `http://127.0.0.1:PORT`.
        var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

        /// One HTTP exchange's outcome.
        struct Reply: Sendable {
            var status: Int
            var headers: [String: String]
            var body: Data

            var text: String { String(decoding: body, as: UTF8.self) }

            /// Parses a whole HTTP/1.1 response: status line, headers, and a
            /// body delimited by the end of the connection, `Content-Length`
            /// or chunked transfer coding.
            init(parsing bytes: [UInt8]) throws {
                let separator: [UInt8] = [13, 10, 13, 10]
                guard let end = bytes.indices.dropLast(3).first(where: { Array(bytes[$0 ..< $0 + 4]) == separator }) else {
                    throw FixtureError("no complete HTTP head in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
                }
                let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
                let statusWords = lines[0].split(separator: " ")
                guard statusWords.count >= 2, let status = Int(statusWords[1]) else { throw FixtureError("bad status line: \(lines[0])") }
                self.status = status
                headers = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                var rest = Array(bytes[(end + 4)...])
                if headers.first(where: { $0.key.lowercased() == "transfer-encoding" })?.value.lowercased() == "chunked" {
                    var decoded: [UInt8] = []
                    while let lineEnd = rest.indices.dropLast().first(where: { rest[$0] == 13 && rest[$0 + 1] == 10 }),
                          let size = Int(String(decoding: rest[..<lineEnd], as: UTF8.self), radix: 16), size > 0 {
                        decoded += rest[(lineEnd + 2) ..< (lineEnd + 2 + size)]
                        rest = Array(rest[(lineEnd + 4 + size)...])
                    }
                    rest = decoded
                }
                body = Data(rest)
            }

            /// The body as a JSON object.
            func object() throws -> [String: Any] {
                guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                    throw FixtureError("not a JSON object: \(text)")
                }
                return object
            }

            /// A header, case-insensitively.
            func header(_ name: String) -> String? {
                headers.first { $0.key.lowercased() == name.lowercased() }?.value
            }
        }

        /// Sends one HTTP/1.1 request on a new connection (`Connection: close`)
        /// and reads the reply to the end of the connection.
        func send(_ method: String, _ path: String, body: Data? = nil) async throws -> Reply {
            let connection = try RawConnection(port: port)
            var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            if let body {
                head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
            }
            try connection.send(Array((head + "\r\n").utf8) + Array(body ?? Data()))
            return try Reply(parsing: try await connection.receiveAllBytes())
        }

        /// `POST path` with a JSON body.
        func post(_ path: String, json: Any) async throws -> Reply {
            try await send("POST", path, body: try JSONSerialization.data(withJSONObject: json))
        }

        /// `POST path` with raw bytes.
        func post(_ path: String, bytes: [UInt8]) async throws -> Reply {
            try await send("POST", path, body: Data(bytes))
        }

        /// `GET path`.
        func get(_ path: String) async throws -> Reply {
            try await send("GET", path)
        }
    }
}
