import Foundation
import SlotTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ServerTests {
    /// `deploy/nginx.conf` in front of two built `tagger-server` replicas on
    /// loopback: requests reach both, and stopping one loses no request.
    @Suite("nginx in front of two tagger-server replicas", .tags(.slow), .skippedWhenFast)
    struct LoadBalancingTests {
        /// Two replicas over `models/atis-en` and nginx in front of them, run
        /// with `deploy/nginx.conf` itself: only its three ports are replaced.
        final class Cluster {
            let replicas: [ServerExecutableTests.RunningServer]
            let nginx: Process
            let nginxErrors: Pipe
            /// nginx's prefix (-p): its pid file, logs and temporary files.
            let prefix: URL
            /// The port nginx listens on.
            let port: Int

            /// The replicas' ports in the shipped file and the port nginx listens on there.
            static let shippedListen = "listen 127.0.0.1:8080;"
            static let shippedServers = ["server 127.0.0.1:8081 ", "server 127.0.0.1:8082 "]

            private init(replicas: [ServerExecutableTests.RunningServer], nginx: Process, nginxErrors: Pipe, prefix: URL, port: Int) {
                self.replicas = replicas
                self.nginx = nginx
                self.nginxErrors = nginxErrors
                self.prefix = prefix
                self.port = port
            }

            /// Starts two replicas and nginx, and waits until nginx answers `GET /health`.
            static func start(nginx executable: URL) async throws -> Cluster {
                let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("nginx-test-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
                var replicas: [ServerExecutableTests.RunningServer] = []
                do {
                    for _ in 0..<2 {
                        replicas.append(try await ServerExecutableTests.start(["--model", "models/atis-en", "--port", "0"]))
                    }
                    // A free port can be taken by another process between closing it and nginx binding it: try a few.
                    var lastError: (any Error)?
                    for _ in 0..<3 {
                        let port = try freePort()
                        let configuration = try configuration(listen: port, replicas: replicas.map(\.port))
                        try configuration.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
                        let (process, errors) = try launch(executable, prefix: prefix)
                        do {
                            try await waitUntilHealthy(process, errors: errors, port: port)
                            return Cluster(replicas: replicas, nginx: process, nginxErrors: errors, prefix: prefix, port: port)
                        } catch {
                            stop(process, signal: SIGTERM)
                            lastError = error
                        }
                    }
                    throw lastError ?? TestServer.FixtureError("nginx did not start")
                } catch {
                    for replica in replicas { stop(replica.process, signal: SIGKILL) }
                    try? FileManager.default.removeItem(at: prefix)
                    throw error
                }
            }

            /// `deploy/nginx.conf` with nginx on `listen` and the replicas on `replicas`.
            static func configuration(listen: Int, replicas: [Int]) throws -> String {
                let file = TestServer.repositoryRoot.appendingPathComponent("deploy/nginx.conf")
                var text = try String(contentsOf: file, encoding: .utf8)
                func replace(_ shipped: String, with tested: String) throws {
                    let pieces = text.components(separatedBy: shipped)
                    guard pieces.count == 2 else {
                        throw TestServer.FixtureError("deploy/nginx.conf has '\(shipped)' \(pieces.count - 1) times, not once: update LoadBalancingTests")
                    }
                    text = pieces.joined(separator: tested)
                }
                try replace(shippedListen, with: "listen 127.0.0.1:\(listen);")
                for (shipped, port) in zip(shippedServers, replicas) {
                    try replace(shipped, with: "server 127.0.0.1:\(port) ")
                }
                return text
            }

            /// Runs nginx in the foreground with `prefix`, its startup errors on a pipe.
            static func launch(_ executable: URL, prefix: URL) throws -> (Process, Pipe) {
                let process = Process()
                process.executableURL = executable
                process.arguments = ["-p", prefix.path + "/", "-e", "stderr", "-c", prefix.appendingPathComponent("nginx.conf").path,
                                     "-g", "daemon off;"]
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                return (process, errors)
            }

            /// Polls `GET /health` through nginx for up to 10 s.
            static func waitUntilHealthy(_ process: Process, errors: Pipe, port: Int) async throws {
                let client = TestServer.Client(port: port)
                for _ in 0..<100 {
                    guard process.isRunning else {
                        let reader = errors.fileHandleForReading
                        let text = try await Blocking.run { String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) }
                        throw TestServer.FixtureError("nginx exited (\(process.terminationStatus)): \(text)")
                    }
                    if let reply = try? await client.get("/health"), reply.status == 200 { return }
                    try await Task.sleep(for: .milliseconds(100))
                }
                throw TestServer.FixtureError("nginx did not answer GET /health on port \(port) within 10 s")
            }

            /// Sends `signal` to `process` if it still runs, and waits for it to exit.
            static func stop(_ process: Process, signal: Int32) {
                if process.isRunning { kill(process.processIdentifier, signal) }
                process.waitUntilExit()
            }

            /// Stops nginx (SIGTERM: the master stops its workers) and every
            /// replica still running, and removes the prefix.
            func stop() {
                Self.stop(nginx, signal: SIGTERM)
                for replica in replicas { Self.stop(replica.process, signal: SIGKILL) }
                try? FileManager.default.removeItem(at: prefix)
            }

            /// A client that talks to nginx.
            var client: TestServer.Client { TestServer.Client(port: port) }

            /// nginx's access log (one line per request: the replicas it tried and their answers).
            func accessLog() throws -> [String] {
                try String(contentsOf: prefix.appendingPathComponent("access.log"), encoding: .utf8)
                    .split(separator: "\n").map(String.init)
            }

            /// nginx's error log.
            func errorLog() -> String {
                (try? String(contentsOf: prefix.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            }
        }

        /// nginx, from PATH or the sbin directories that a non-root PATH often lacks.
        static func nginxExecutable() -> URL? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/local/nginx/sbin"]
            return directories.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent("nginx") }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        }

        static let missingNginx: Comment = "nginx is not installed: install it (`make test-deps`, or `apt-get install nginx`) to run this test"

        /// A TCP port on 127.0.0.1 that was free a moment ago.
        static func freePort() throws -> Int {
            #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw TestServer.FixtureError("socket() failed: errno \(errno)") }
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
                }
            }
            guard bound else { throw TestServer.FixtureError("bind() to a free port failed: errno \(errno)") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// The `POST /parse` requests a replica answered 200, from its own `GET /metrics`.
        static func parsedRequests(atReplicaPort port: Int) async throws -> Int {
            let metrics = try await TestServer.Client(port: port).get("/metrics").text
            return metrics.split(separator: "\n")
                .filter { $0.hasPrefix("http_requests_total{") && $0.contains(#"route="/parse""#) && $0.contains(#"status="200""#) }
                .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
                .reduce(0) { $0 + Int($1) }
        }

        @Test("Requests through nginx reach both replicas, which answer alike; nginx's body limit is the replicas'")
        func reachesBothReplicas() async throws {
            guard let nginx = Self.nginxExecutable() else {
                Issue.record(Self.missingNginx)
                return
            }
            let cluster = try await Cluster.start(nginx: nginx)
            defer { cluster.stop() }

            var answers: Set<String> = []
            for _ in 0..<20 {
                let reply = try await cluster.client.post("/parse", json: ["text": "flights from boston to denver"])
                #expect(reply.status == 200, "\(reply.text)")
                answers.insert(reply.text)
            }
            // Stateless replicas over the same bundle: the same answer, whichever replica gave it.
            #expect(answers.count == 1, "\(answers)")
            #expect(answers.first?.contains(#"{"label": "fromloc.city_name", "text": "boston""#) == true)

            var counts: [Int] = []
            for replica in cluster.replicas {
                counts.append(try await Self.parsedRequests(atReplicaPort: replica.port))
            }
            #expect(counts.allSatisfy { $0 > 0 }, "requests per replica: \(counts)")
            #expect(counts.reduce(0, +) == 20, "requests per replica: \(counts)")

            // The page and the other routes pass through.
            let page = try await cluster.client.get("/")
            #expect(page.status == 200 && page.text.contains("<title>slot-tagger</title>"))
            #expect(try await cluster.client.get("/models").status == 200)

            // A body of exactly --max-body-bytes' default (1 MiB) passes nginx and is accepted by a replica…
            let body = Array(#"{"text": "flights from boston to denver"}"#.utf8)
            let padded = body + [UInt8](repeating: 0x20, count: (1 << 20) - body.count)
            let largest = try await cluster.client.post("/parse", bytes: padded)
            #expect(largest.status == 200, "\(largest.text.prefix(300))")
            // … one byte more is refused by nginx, as a replica would (only the head is sent: nginx answers at once).
            let connection = try RawConnection(port: cluster.port)
            try connection.send(RawConnection.postHead("/parse", length: (1 << 20) + 1))
            let refused = try TestServer.Client.Reply(parsing: try await connection.receiveAllBytes())
            #expect(refused.status == 413)
            #expect(try refused.object()["reason"] as? String == "BodyTooLarge")

            // Reloading through the balancer would reload one replica only: refused.
            let reload = try await cluster.client.send("PUT", "/models/atis-en")
            #expect(reload.status == 403, "\(reload.text)")
        }

        /// How a replica is stopped.
        enum Stop: String, CaseIterable, CustomTestStringConvertible {
            case sigterm, sigkill
            var signal: Int32 { self == .sigterm ? SIGTERM : SIGKILL }
            var testDescription: String { rawValue.uppercased() }
        }

        /// One request of the stream: when it was sent, and its answer or error.
        struct Outcome: Sendable {
            var sent: ContinuousClock.Instant
            var status: Int?
            var problem: String?
        }

        /// The stream of requests: clients send until told to stop.
        actor Traffic {
            private(set) var outcomes: [Outcome] = []
            private(set) var running = true
            func record(_ outcome: Outcome) { outcomes.append(outcome) }
            func finish() { running = false }
        }

        @Test("Stopping one replica loses no request: nginx sends it to the other", arguments: Stop.allCases)
        func stoppingAReplicaLosesNothing(_ stop: Stop) async throws {
            guard let nginx = Self.nginxExecutable() else {
                Issue.record(Self.missingNginx)
                return
            }
            let cluster = try await Cluster.start(nginx: nginx)
            defer { cluster.stop() }
            let utterances = try ATISUtterances.first(16)
            let traffic = Traffic()
            let client = cluster.client

            let (stoppedAt, exitedAt, total) = try await withThrowingTaskGroup(of: Void.self) { group in
                // Four clients, each sending one request after another.
                for clientIndex in 0..<4 {
                    group.addTask {
                        var index = clientIndex
                        while !Task.isCancelled, await traffic.running {
                            let text = utterances[index % utterances.count]
                            index += 4
                            let sent = ContinuousClock.now
                            do {
                                let reply = try await client.post("/parse", json: ["text": text])
                                let problem = reply.status == 200 && (try? reply.object()["text"] as? String) == text
                                    ? nil : "HTTP \(reply.status): \(reply.text.prefix(200))"
                                await traffic.record(Outcome(sent: sent, status: reply.status, problem: problem))
                            } catch {
                                await traffic.record(Outcome(sent: sent, status: nil, problem: "\(error)"))
                            }
                        }
                    }
                }
                try await Task.sleep(for: .seconds(1))
                let stopped = cluster.replicas[0]
                let stoppedAt = ContinuousClock.now
                kill(stopped.process.processIdentifier, stop.signal)
                try await ServerExecutableTests.waitForExit(stopped.process)
                let exitedAt = ContinuousClock.now
                try await Task.sleep(for: .seconds(1.5))
                await traffic.finish()
                try await group.waitForAll()
                return (stoppedAt, exitedAt, await traffic.outcomes.count)
            }

            let outcomes = await traffic.outcomes
            let failures = outcomes.filter { $0.problem != nil }
            #expect(failures.count == 0, "\(failures.count) of \(total) requests failed: \(failures.prefix(5).compactMap(\.problem))")
            // Requests were sent before, during and after the stop.
            let before = outcomes.filter { $0.sent < stoppedAt }.count
            let during = outcomes.filter { $0.sent >= stoppedAt && $0.sent < exitedAt }.count
            let after = outcomes.filter { $0.sent >= exitedAt }.count
            #expect(before > 0 && after > 0, "requests before, during and after the stop: \(before), \(during), \(after)")
            if stop == .sigterm {
                #expect(cluster.replicas[0].process.terminationReason == .exit)
                #expect(cluster.replicas[0].process.terminationStatus == 0)
            }

            // The stopped replica answered some, the other the rest.
            let survivor = try await Self.parsedRequests(atReplicaPort: cluster.replicas[1].port)
            #expect(survivor > 0 && survivor < total, "the surviving replica answered \(survivor) of \(total)")
            // And nginx did retry: some request went to the stopped replica first, then to the other.
            let stoppedAddress = "127.0.0.1:\(cluster.replicas[0].port)"
            let survivorAddress = "127.0.0.1:\(cluster.replicas[1].port)"
            let retried = try cluster.accessLog().filter { $0.contains("upstream=[\(stoppedAddress), \(survivorAddress)]") }
            #expect(!retried.isEmpty, "no request was retried; nginx's error log: \(cluster.errorLog())")
        }
    }
}
