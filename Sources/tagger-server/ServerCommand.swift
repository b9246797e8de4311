import ArgumentParser
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SlotCommandLine
import SlotServer

/// `tagger-server`: the HTTP tagging service over one or more model bundles.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagger-server",
        abstract: "Serve slot tagging over HTTP: JSONL records, Rasa's NLU API, a page, metrics.",
        discussion: """
            Loads every --model bundle (the first is the default; a request chooses another \
            with "model": NAME, the directory's last component) and answers POST /parse, \
            POST /parse/batch, POST /model/parse (Rasa's shape), GET /models, PUT /models/NAME \
            (reload from its directory), GET /health, /ready, /metrics, /openapi.yaml and a page \
            at /. SIGHUP reloads every model; SIGTERM or SIGINT stops accepting connections, \
            finishes the requests in flight and exits 0.

            With --fallback (or --fallback-threshold P) an utterance whose best intent is below \
            the threshold gets the intent nlu_fallback, first in Rasa's intent_ranking too. Dates \
            such as "tomorrow" resolve against the moment each request arrives, in --time-zone \
            (UTC by default), or against a fixed --reference-date.

            Example:
              $ tagger-server --model models/atis-en --model models/snips-en --port 8080
              $ curl -s localhost:8080/parse -d '{"text": "flights from boston to denver"}'
            """
    )

    @Option(name: .customLong("model"), help: ArgumentHelp("A model bundle to serve; repeat for several (the first is the default).", valueName: "dir"))
    var models: [String] = []

    @Option(help: "The address to listen on (127.0.0.1 for this machine only, 0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "The TCP port to listen on (0 picks a free one; the port chosen is printed on standard error).")
    var port = 8080

    @Option(help: "Threads a batch is tagged on.")
    var threads = 2

    @Option(name: .customLong("max-body-bytes"), help: "The largest request body accepted, in bytes (larger: 413).")
    var maxBodyBytes = ServerLimits().maxBodyBytes

    @Option(name: .customLong("max-tokens"), help: "The most tokens one text may have (more: 422).")
    var maxTokens = ServerLimits().maxTokens

    @Option(name: .customLong("max-batch"), help: "The most texts in one POST /parse/batch (more: 422).")
    var maxBatch = ServerLimits().maxBatchSize

    @Option(name: .customLong("max-concurrent"), help: "The most tagging requests served at once (more: 503 with Retry-After).")
    var maxConcurrent = ServerLimits().maxConcurrentRequests

    @Option(name: .customLong("time-limit-ms"), help: "How long one request may take, in milliseconds (body late: 408; tagging past it: 503).")
    var timeLimitMilliseconds = 10_000

    @Option(name: .customLong("idle-timeout-s"), help: "Seconds a connection may stay open without a byte arriving before the server closes it.")
    var idleTimeoutSeconds = Int(ServerLimits().idleTimeout.components.seconds)

    @OptionGroup
    var fallback: FallbackOptions

    @OptionGroup
    var reference: ReferenceOptions

    /// Makes NIO's event loops Swift Concurrency's global executor before the
    /// server starts a task, so that a request is read, tagged and answered on
    /// one thread (without it each request hops to the cooperative pool and
    /// back), then runs the command.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }

    func validate() throws {
        guard !models.isEmpty else { throw ValidationError("Give at least one --model DIR (for example --model models/atis-en).") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        for (name, value) in [("--threads", threads), ("--max-body-bytes", maxBodyBytes), ("--max-tokens", maxTokens),
                              ("--max-batch", maxBatch), ("--max-concurrent", maxConcurrent), ("--time-limit-ms", timeLimitMilliseconds),
                              ("--idle-timeout-s", idleTimeoutSeconds)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
        let names = models.map(ServedModel.name(forDirectory:))
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw ValidationError("Two --model directories are both named '\(duplicate)'; model names (the directories' last components) must differ.")
        }
    }

    func run() async throws {
        #if canImport(Glibc)
        if !AllocatorSettings.applied {
            Diagnostics.note("glibc's allocator keeps its defaults: resident memory may grow with reloads under load")
        }
        #endif
        let hangups = await HangupReloader.trapHangups()
        let loaded: [ServedModel]
        do {
            let intentFallback = fallback.intentFallback
            loaded = try models.map { try ServedModel(directory: $0, intentFallback: intentFallback) }
        } catch {
            throw ExitCode(Diagnostics.report(error).rawValue)
        }
        var logger = Logger(label: "tagger-server")
        logger.logLevel = .notice
        let limits = ServerLimits(
            maxBodyBytes: maxBodyBytes, maxTokens: maxTokens, maxBatchSize: maxBatch,
            maxConcurrentRequests: maxConcurrent, timeLimit: .milliseconds(timeLimitMilliseconds),
            idleTimeout: .seconds(idleTimeoutSeconds))
        let clock = reference.clock
        let server = TaggerServer(
            registry: ModelRegistry(loaded), limits: limits, threads: threads, logger: logger,
            resolution: { clock.resolutionOptions() })
        let host = self.host
        let names = loaded.map(\.name).joined(separator: ", ")
        let application = server.makeApplication(host: host, port: port) { port in
            Diagnostics.note("listening on http://\(host):\(port) with models \(names)")
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [application, HangupReloader(server: server, hangups: hangups)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            throw ExitCode(Diagnostics.report(error).rawValue)
        }
        Diagnostics.note("stopped")
    }
}
