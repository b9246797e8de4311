import Foundation
import SlotServer
import SlotTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ServerTests {
    /// The page at `GET /` in headless Chromium: it runs its script, calls
    /// the API and renders what it answered.
    @Suite("The page in headless Chromium", .tags(.slow), .skippedWhenFast)
    struct PageBrowserTests {
        /// Chromium (or Chrome), from PATH.
        static func chromiumExecutable() -> URL? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/snap/bin"]
            let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
            for name in names {
                for directory in directories {
                    let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
                    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                }
            }
            return nil
        }

        static let missingChromium: Comment = "chromium is not installed: install it (`make test-deps`, or `apt-get install chromium`) to run this test"

        /// What Chromium showed of a page: the DOM once its script ran, and
        /// what the page wrote to the console.
        struct Rendering {
            var dom: String
            var console: [String]
        }

        /// Loads `url` in headless Chromium, lets its script run (fetches
        /// included) and returns the DOM; kills Chromium after 60 s.
        static func render(_ url: String, with chromium: URL) async throws -> Rendering {
            let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: profile) }
            let process = Process()
            process.executableURL = chromium
            process.arguments = [
                // No display; root in a container needs --no-sandbox (harmless otherwise).
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=\(profile.path)",
                // Ten seconds of the page's own time, during which its fetches complete.
                "--virtual-time-budget=10000",
                // The console on standard error, as "…:CONSOLE…] "message", source: … (line)".
                "--enable-logging=stderr", "--v=0",
                "--dump-dom", url,
            ]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let watchdog = Task {
                try await Task.sleep(for: .seconds(60))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            defer { watchdog.cancel() }
            let outputReader = output.fileHandleForReading, errorReader = errors.fileHandleForReading
            async let dom = Blocking.run { String(decoding: outputReader.readDataToEndOfFile(), as: UTF8.self) }
            async let log = Blocking.run { String(decoding: errorReader.readDataToEndOfFile(), as: UTF8.self) }
            let (page, messages) = try await (dom, log)
            try await ServerExecutableTests.waitForExit(process)
            guard process.terminationStatus == 0, page.contains("</html>") else {
                throw TestServer.FixtureError(
                    "chromium exited with status \(process.terminationStatus) and \(page.utf8.count) bytes of DOM: \(messages.suffix(2_000))")
            }
            let console = messages.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
            return Rendering(dom: page, console: console)
        }

        /// The slots marked in `html`: (label, text, confidence) of each `<mark class="slot">`.
        static func slots(in html: Substring) -> [(label: String, text: String, confidence: Double?)] {
            let mark = /<mark class="slot"[^>]*data-label="([^"]*)"[^>]*>([^<]*)<span class="label">([^<]*)<\/span><span class="confidence">([^<]*)<\/span>/
            return html.matches(of: mark).map { match in
                (String(match.output.1), String(match.output.2), Double(match.output.4))
            }
        }

        /// The part of `html` inside the element whose id is `id` (up to the next `<div id=`).
        static func section(_ id: String, of html: String) -> Substring {
            guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
            let rest = html[start.upperBound...]
            let end = rest.range(of: "<div id=")?.lowerBound ?? rest.range(of: "<script")?.lowerBound ?? rest.endIndex
            return rest[..<end]
        }

        /// The intents shown as bars: (name, percentage text), in order.
        static func intentBars(in html: String) -> [(name: String, percent: String)] {
            let bar = /<div class="bar"><span class="name">([^<]*)<\/span><div class="track"><div class="fill" style="width: ([0-9.]+)%;"><\/div><\/div><span class="number">([^<]*)<\/span><\/div>/
            return section("intents", of: html).matches(of: bar).map { (String($0.output.1), String($0.output.3)) }
        }

        /// The model picker's options.
        static func pickerOptions(in html: String) -> [String] {
            guard let start = html.range(of: "<select id=\"model\""), let end = html[start.upperBound...].range(of: "</select>") else { return [] }
            return html[start.lowerBound ..< end.lowerBound].matches(of: /<option value="([^"]*)">/).map { String($0.output.1) }
        }

        /// The models the page was served with: the shipped ATIS model (the
        /// default) and a copy named "second", so that the picker shows.
        static func withServer(_ body: (TestServer) async throws -> Void) async throws {
            let copy = try TestServer.copyOfATIS(named: "second")
            defer { TestServer.removeCopy(copy) }
            try await TestServer.run(models: [try TestServer.atis(), try ServedModel(directory: copy)]) { server in
                try await body(server)
            }
        }

        @Test("At GET / the page tags its example with the default model, marks the slots inline, shows the intents as bars and lists the models")
        func defaultPage() async throws {
            guard let chromium = Self.chromiumExecutable() else {
                Issue.record(Self.missingChromium)
                return
            }
            try await Self.withServer { server in
                let page = try await Self.render("http://127.0.0.1:\(server.port)/", with: chromium)
                let html = page.dom
                #expect(html.contains(#"<body data-state="tagged">"#), "the page did not finish tagging: \(html.suffix(1_500))")
                #expect(Self.section("error", of: html).hasPrefix(#" role="alert"></p>"#), "an error is shown: \(Self.section("error", of: html))")

                // "I want to fly from Boston to Denver tomorrow morning"
                let slots = Self.slots(in: Self.section("utterance", of: html))
                #expect(slots.map(\.label) == ["fromloc.city_name", "toloc.city_name", "depart_date.today_relative", "depart_time.period_of_day"],
                        "\(slots)")
                #expect(slots.map(\.text) == ["Boston", "Denver", "tomorrow", "morning"])
                #expect(slots.allSatisfy { ($0.confidence ?? -1) > 0.5 && ($0.confidence ?? 2) <= 1 })
                // The text between the slots is there too.
                #expect(Self.section("utterance", of: html).hasPrefix(#" aria-live="polite">I want to fly from <mark"#))

                let bars = Self.intentBars(in: html)
                #expect(bars.first?.name == "atis_flight", "\(bars)")
                #expect(bars.count == 10, "\(bars)")
                #expect(!Self.section("nbest", of: html).contains("<li>"), "n-best shown without being asked for")

                #expect(Self.pickerOptions(in: html) == ["atis-en", "second"])
                #expect(!html.contains(#"<select id="model" name="model" title="model" hidden"#), "the picker is hidden with two models")

                #expect(page.console.isEmpty, "the page wrote to the console: \(page.console)")
                // The page asked for the models and one tagging, by the default model.
                let metrics = try await server.get("/metrics").text
                #expect(metrics.contains(#"tagger_tokens_total{model="atis-en"} 10"#), "\(metrics)")
            }
        }

        @Test("/?text=…&model=…&nbest=3 tags that text with that model at load and shows three labellings")
        func pageFromAddress() async throws {
            guard let chromium = Self.chromiumExecutable() else {
                Issue.record(Self.missingChromium)
                return
            }
            try await Self.withServer { server in
                let url = "http://127.0.0.1:\(server.port)/?text=flights%20from%20boston%20to%20denver&model=second&nbest=3"
                let page = try await Self.render(url, with: chromium)
                let html = page.dom
                #expect(html.contains(#"<body data-state="tagged">"#), "the page did not finish tagging: \(html.suffix(1_500))")

                let slots = Self.slots(in: Self.section("utterance", of: html))
                #expect(slots.map(\.label) == ["fromloc.city_name", "toloc.city_name"], "\(slots)")
                #expect(slots.map(\.text) == ["boston", "denver"])
                #expect(Self.section("utterance", of: html).hasPrefix(#" aria-live="polite">flights from <mark"#))
                #expect(Self.intentBars(in: html).first?.name == "atis_flight")

                // Three labellings, the most probable one first: the same slots.
                let nbest = Self.section("nbest", of: html)
                let items = nbest.components(separatedBy: "<li>").dropFirst()
                #expect(items.count == 3, "\(nbest)")
                if let first = items.first {
                    #expect(Self.slots(in: Substring(first)).map(\.text) == ["boston", "denver"])
                }

                #expect(page.console.isEmpty, "the page wrote to the console: \(page.console)")
                // Tagged by the model the address named, not the default.
                let metrics = try await server.get("/metrics").text
                #expect(metrics.contains(#"tagger_tokens_total{model="second"} 5"#), "\(metrics)")
                #expect(!metrics.contains(#"tagger_tokens_total{model="atis-en"}"#), "\(metrics)")
            }
        }
    }
}
