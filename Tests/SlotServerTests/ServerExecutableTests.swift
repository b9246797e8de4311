import Foundation
import SlotTestSupport
import Testing

extension ServerTests {
    /// The built `tagger-server` end to end: it starts, tells its port, reloads
    /// on SIGHUP, and on SIGTERM finishes the request in flight and exits 0.
    @Suite("tagger-server executable", .tags(.slow), .skippedWhenFast)
    struct ServerExecutableTests {
        /// The built `tagger-server`, found above the test executable (where
        /// `swift test` builds every product).
        static func executable() throws -> URL {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("tagger-server")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw TestServer.FixtureError("built product 'tagger-server' not found; run the tests with `swift test`, which builds it")
        }

        /// A running `tagger-server` and the port it reported.
        struct RunningServer {
            let process: Process
            let port: Int
            let errorOutput: Pipe
        }

        static func start(_ arguments: [String]) async throws -> RunningServer {
            let process = Process()
            process.executableURL = try executable()
            process.arguments = arguments
            process.currentDirectoryURL = TestServer.repositoryRoot
            let errorOutput = Pipe()
            process.standardError = errorOutput
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The first line on standard error is "tagger-server: listening on http://127.0.0.1:PORT with models …".
            let reader = errorOutput.fileHandleForReading
            let text = try await Blocking.run {
                var line: [UInt8] = []
                while let byte = try reader.read(upToCount: 1)?.first, byte != 0x0A {
                    line.append(byte)
                }
                return String(decoding: line, as: UTF8.self)
            }
            guard let range = text.range(of: "http://127.0.0.1:"),
                  let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
                process.terminate()
                throw TestServer.FixtureError("tagger-server did not report its port: '\(text)'")
            }
            return RunningServer(process: process, port: port, errorOutput: errorOutput)
        }

        /// Waits for `process` to exit, on a Dispatch thread.
        static func waitForExit(_ process: Process) async throws {
            try await Blocking.run { process.waitUntilExit() }
        }

        @Test("SIGTERM: the request in flight finishes, then the server exits 0")
        func drainsOnSIGTERM() async throws {
            let server = try await Self.start(["--model", "models/atis-en", "--port", "0", "--time-limit-ms", "120000"])
            // A request whose body is on its way when the signal comes.
            let body = #"{"text": "flights from boston to denver"}"#
            let connection = try RawConnection(port: server.port)
            try connection.send(RawConnection.postHead("/parse", length: body.utf8.count) + body.prefix(10))
            try await Task.sleep(for: .milliseconds(200))
            kill(server.process.processIdentifier, SIGTERM)
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.process.isRunning)
            try connection.send(String(body.dropFirst(10)))
            let reply = try await connection.receiveAll()
            #expect(reply.hasPrefix("HTTP/1.1 200"), "\(reply)")
            #expect(reply.contains(#""text": "boston""#))
            try await Self.waitForExit(server.process)
            #expect(server.process.terminationReason == .exit)
            #expect(server.process.terminationStatus == 0)
            #expect((try? RawConnection(port: server.port)) == nil)
        }

        @Test("SIGHUP reloads every model")
        func reloadsOnSIGHUP() async throws {
            let directory = try TestServer.copyOfATIS(named: "second")
            defer { TestServer.removeCopy(directory) }
            let server = try await Self.start(["--model", "models/atis-en", "--model", directory, "--port", "0"])
            let client = TestServer.Client(port: server.port)
            kill(server.process.processIdentifier, SIGHUP)
            var generations: [Int?] = []
            for _ in 0..<300 {
                let models = try await client.get("/models").object()["models"] as? [[String: Any]] ?? []
                generations = models.map { $0["generation"] as? Int }
                if generations == [1, 1] { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(generations == [1, 1])
            kill(server.process.processIdentifier, SIGTERM)
            try await Self.waitForExit(server.process)
            #expect(server.process.terminationStatus == 0)
        }

        @Test("A model directory that does not exist: one line on stderr, exit 66")
        func missingModel() async throws {
            let process = Process()
            process.executableURL = try Self.executable()
            process.arguments = ["--model", "no/such/model", "--port", "0"]
            let errorOutput = Pipe()
            process.standardError = errorOutput
            try process.run()
            let reader = errorOutput.fileHandleForReading
            let text = try await Blocking.run { String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) }
            try await Self.waitForExit(process)
            #expect(process.terminationStatus == 66)
            #expect(text.hasPrefix("tagger-server: error: "))
            #expect(text.split(separator: "\n").count == 1)
        }
    }
}
