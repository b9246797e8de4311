import Hummingbird
import Logging

/// The outermost middleware: answers every error as JSON (a
/// ``ServiceError`` with its own status, Hummingbird's errors such as 404
/// with theirs, anything else as a 500 that is logged) and counts each
/// request with its route, status and latency.
struct OutcomeMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServiceError {
            response = try error.response(from: request, context: context)
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
