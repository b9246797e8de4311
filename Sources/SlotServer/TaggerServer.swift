import FoundationEssentials
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import SlotIO
import SlotTagger

/// The HTTP tagging service: its routes over a ``ModelRegistry``, within
/// ``ServerLimits``, counted in ``ServerMetrics``.
///
/// | route | answer |
/// |---|---|
/// | `POST /parse` | the `tagger tag --format jsonl` record of `{"text"}` |
/// | `POST /parse/batch` | `{"model", "results": [record, …]}` for `{"texts"}`, in order |
/// | `POST /model/parse` | Rasa's NLU parse result |
/// | `GET /models`, `PUT /models/NAME` | the models; reload one from its directory |
/// | `GET /health`, `GET /ready`, `GET /metrics` | liveness, readiness, Prometheus text |
/// | `GET /`, `GET /openapi.yaml` | the page, the OpenAPI document |
///
/// Every refusal is a JSON error body (``ServiceError``), never a 500.
package struct TaggerServer: Sendable {
    /// The models served.
    package let registry: ModelRegistry
    /// The limits applied to every request.
    package let limits: ServerLimits
    /// Threads a batch is tagged on.
    package let threads: Int
    /// The metrics `GET /metrics` shows.
    package let metrics: ServerMetrics
    /// Where the server logs.
    package let logger: Logger
    /// The reference moment values resolve against, asked for each request
    /// (so that "tomorrow" moves at midnight).
    package let resolution: @Sendable () -> ResolutionOptions
    private let limiter: ConcurrencyLimiter

    /// The tagging requests in progress (those holding one of
    /// ``ServerLimits/maxConcurrentRequests`` permits).
    package var requestsInProgress: Int { limiter.inProgress }
    private let reader: RequestBodyReader

    /// Utterances tagged between two checks of the time limit in a batch.
    static let chunkSize = 64

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - registry: the models.
    ///   - limits: the limits applied to every request.
    ///   - threads: threads a batch is tagged on.
    ///   - logger: where the server logs.
    ///   - resolution: the resolution options of a request arriving now
    ///     (default: the present moment in UTC).
    package init(
        registry: ModelRegistry, limits: ServerLimits = ServerLimits(), threads: Int = 2, logger: Logger,
        resolution: @escaping @Sendable () -> ResolutionOptions = { ResolutionOptions() }
    ) {
        self.registry = registry
        self.limits = limits
        self.threads = threads
        self.logger = logger
        self.resolution = resolution
        metrics = ServerMetrics()
        limiter = ConcurrencyLimiter(limit: limits.maxConcurrentRequests)
        reader = RequestBodyReader(limits: limits)
    }

    /// A Hummingbird application serving the routes on `host:port` (port 0
    /// picks a free port; `onServerRunning` receives the bound port).
    package func makeApplication(
        host: String, port: Int, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: TimeAmount(limits.idleTimeout))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "tagger-server"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Reloads every model from its directory (what SIGHUP does).
    ///
    /// - Returns: each model's name and the error that kept it from
    ///   reloading (the old model then stays), or `nil`.
    @discardableResult
    package func reloadAll() -> [(name: String, error: (any Error)?)] {
        registry.names.map { name in
            do {
                try reload(name)
                return (name, nil)
            } catch {
                return (name, error)
            }
        }
    }

    @discardableResult
    private func reload(_ name: String) throws -> ServedModel {
        do {
            let model = try registry.reload(name)
            metrics.recordReload(model: name, succeeded: true)
            logger.info("reloaded model", metadata: ["model": "\(name)", "generation": "\(model.generation)"])
            return model
        } catch let error as ServiceError {
            throw error
        } catch {
            metrics.recordReload(model: name, succeeded: false)
            logger.error("reloading failed; the previous model stays", metadata: ["model": "\(name)", "error": "\(error)"])
            throw error
        }
    }

    // MARK: - Routes

    /// The router with every route and the middleware that turns errors
    /// into JSON and counts requests. A method a path does not serve gets
    /// 405 with the `Allow` header listing those it does.
    package func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let routes = self.routes
        router.add(middleware: OutcomeMiddleware(metrics: metrics, logger: logger) { path in
            routes.filter { $0.matches(path) }.map(\.method)
        })
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in try await route.handler(request, context) }
        }
        return router
    }

    /// One route: a method, a path and what answers it.
    private struct Route: Sendable {
        var method: HTTPRequest.Method
        /// The path; a component `:name` matches any one component.
        var path: String
        var handler: @Sendable (Request, BasicRequestContext) async throws -> Response

        /// Whether `requestPath` is this route's path.
        func matches(_ requestPath: String) -> Bool {
            let pattern = path.split(separator: "/"), components = requestPath.split(separator: "/")
            return pattern.count == components.count && zip(pattern, components).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
    }

    /// Every route the service answers.
    private var routes: [Route] {
        [
            Route(method: .post, path: "/parse") { request, _ in try await limiter.withPermit { try await parse(request) } },
            Route(method: .post, path: "/parse/batch") { request, _ in try await limiter.withPermit { try await parseBatch(request) } },
            Route(method: .post, path: "/model/parse") { request, _ in try await limiter.withPermit { try await rasaParse(request) } },
            Route(method: .get, path: "/models") { _, _ in try Self.json(ModelList(registry)) },
            Route(method: .put, path: "/models/:name") { _, context in
                let name = try context.parameters.require("name")
                do {
                    let model = try reload(name)
                    return try Self.json(ModelDescription(model, isDefault: name == registry.defaultName))
                } catch let error as ServiceError {
                    throw error
                } catch {
                    throw ServiceError(.conflict, reason: "ReloadFailed",
                                       "model '\(name)' could not be reloaded and the previous one stays in use: \(error)")
                }
            },
            Route(method: .get, path: "/health") { _, _ in Self.json(text: #"{"status": "ok"}"#) },
            Route(method: .get, path: "/ready") { _, _ in
                let models = registry.all.map { JSONEscaping.quoted($0.name) }.joined(separator: ", ")
                return Self.json(text: #"{"status": "ready", "models": ["# + models + "]}")
            },
            Route(method: .get, path: "/metrics") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
            },
            Route(method: .get, path: "/openapi.yaml") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                         body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
            },
            // Browsers ask for it on every visit to the page, which has no icon.
            Route(method: .get, path: "/favicon.ico") { _, _ in Response(status: .noContent) },
            Route(method: .get, path: "/") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                         body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.index_html)))
            },
        ]
    }

    private func parse(_ request: Request) async throws -> Response {
        let deadline = ContinuousClock.now + limits.timeLimit
        let buffer = try await reader.bytes(of: request, deadline: deadline)
        let body = try RequestBodyReader.decode(ParseRequest.self, from: buffer, example: ParseRequest.example)
        if let nbest = body.nbest, !(1...limits.maxNBest).contains(nbest) {
            throw ServiceError(.unprocessableContent, reason: "InvalidNBest",
                               "'nbest' is \(nbest) but must be between 1 and \(limits.maxNBest)")
        }
        let model = try registry.model(named: body.model)
        let tokens = try tokenize(body.text, with: model.tagger, field: "text")
        let result = model.tagger.tag(tokens: tokens, in: body.text, resolving: resolution())
        let alternatives = body.nbest.map { model.tagger.nBest(tokens: tokens, in: body.text, k: $0) }
        metrics.recordTokens(tokens.count, model: model.name)
        return Self.json(text: try result.jsonRecord(alternatives: alternatives))
    }

    private func parseBatch(_ request: Request) async throws -> Response {
        let deadline = ContinuousClock.now + limits.timeLimit
        let buffer = try await reader.bytes(of: request, deadline: deadline)
        let body = try RequestBodyReader.decode(BatchParseRequest.self, from: buffer, example: BatchParseRequest.example)
        guard body.texts.count <= limits.maxBatchSize else {
            throw ServiceError(.unprocessableContent, reason: "BatchTooLarge",
                               "the batch has \(body.texts.count) texts but the limit is \(limits.maxBatchSize); split it into smaller batches")
        }
        let model = try registry.model(named: body.model)
        var utterances: [(text: String, tokens: [Token])] = []
        utterances.reserveCapacity(body.texts.count)
        for (index, text) in body.texts.enumerated() {
            utterances.append((text, try tokenize(text, with: model.tagger, field: "texts[\(index)]")))
        }
        var records: [String] = []
        records.reserveCapacity(utterances.count)
        var tokenCount = 0
        let options = resolution()
        for start in stride(from: 0, to: utterances.count, by: Self.chunkSize) {
            guard ContinuousClock.now < deadline else {
                throw ServiceError.timeLimitExceeded(milliseconds: limits.timeLimitMilliseconds)
            }
            let chunk = Array(utterances[start ..< min(start + Self.chunkSize, utterances.count)])
            for result in model.tagger.tag(tokenized: chunk, threads: threads, resolving: options) {
                records.append(try result.jsonRecord())
                tokenCount += result.tokens.count
            }
        }
        metrics.recordTokens(tokenCount, model: model.name)
        return Self.json(text: "{\"model\": \(JSONEscaping.quoted(model.name)), \"results\": [" + records.joined(separator: ", ") + "]}")
    }

    private func rasaParse(_ request: Request) async throws -> Response {
        let deadline = ContinuousClock.now + limits.timeLimit
        let buffer = try await reader.bytes(of: request, deadline: deadline)
        let body = try RequestBodyReader.decode(RasaParseRequest.self, from: buffer, example: RasaParseRequest.example)
        let model = try registry.model(named: body.model)
        let tokens = try tokenize(body.text, with: model.tagger, field: "text")
        let result = model.tagger.tag(tokens: tokens, in: body.text, resolving: resolution())
        metrics.recordTokens(tokens.count, model: model.name)
        return try Self.json(RasaParseResult(result))
    }

    /// The tokens of `text`, at most ``ServerLimits/maxTokens`` of them.
    private func tokenize(
        _ text: String, with tagger: Tagger, field: String
    ) throws(ServiceError) -> [Token] {
        let tokens = tagger.tokenize(text)
        guard tokens.count <= limits.maxTokens else {
            throw ServiceError(.unprocessableContent, reason: "TooManyTokens",
                               "'\(field)' has \(tokens.count) tokens but the limit is \(limits.maxTokens); split the text")
        }
        return tokens
    }

    // MARK: - Responses

    /// A 200 response with a JSON body.
    static func json(text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 200 response with `value` encoded as JSON.
    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(text: String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
