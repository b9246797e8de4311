import Hummingbird
import Logging

/// The outermost middleware: answers every error as JSON (a
/// ``ServiceError`` with its own status, Hummingbird's errors such as 404
/// with theirs, a path served with other methods as 405, anything else as a
/// 500 that is logged) and counts each request with its route, status and
/// latency.
struct OutcomeMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    let logger: Logger
    /// The methods the routes serve on a path (none for an unknown path).
    let allowedMethods: @Sendable (String) -> [HTTPRequest.Method]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServiceError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError where error.status == .notFound && !allowedMethods(request.uri.path).isEmpty {
            response = try ServiceError.methodNotAllowed(path: request.uri.path, allowed: allowedMethods(request.uri.path))
                .response(from: request, context: context)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound
                ? "no route \(request.method) \(request.uri.path); GET /openapi.yaml lists the routes" : error.status.reasonPhrase)
            response = try ServiceError(error.status, reason: error.status.reasonPhrase.replacingSpaces(), message)
                .response(from: request, context: context)
        } catch {
            logger.error("internal error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            response = try ServiceError(.internalServerError, reason: "InternalError", "internal error: \(error); please report it")
                .response(from: request, context: context)
        }
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        metrics.recordRequest(
            route: context.endpointPath ?? "NotFound", method: request.method.rawValue, status: response.status.code,
            nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        return response
    }
}

extension String {
    /// `Not Found` → `NotFound`.
    func replacingSpaces() -> String { split(separator: " ").joined() }
}
