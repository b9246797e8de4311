import HTTPTypes
import Hummingbird
import SlotIO
import SlotTagger

/// A request the service refuses, with the status to answer and one sentence
/// saying what to fix.
///
/// The body is the error object of Rasa's HTTP API, so that a client written
/// against Rasa reads it unchanged:
/// `{"status": "failure", "code": 400, "reason": "MissingField", "message": "…"}`.
package struct ServiceError: Error, HTTPResponseError, Sendable {
    /// The HTTP status (4xx for the client's mistakes, 503 when saturated).
    package var status: HTTPResponse.Status
    /// A short machine-readable category, such as `InvalidJSON`.
    package var reason: String
    /// One sentence: what was wrong and what to send instead.
    package var message: String
    /// Extra headers, such as `Retry-After`.
    package var headers: HTTPFields

    /// Creates an error.
    package init(_ status: HTTPResponse.Status, reason: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.reason = reason
        self.message = message
        self.headers = headers
    }

    /// The JSON body, in Rasa's error shape.
    package var body: String {
        var body = "{\"status\": \"failure\", \"code\": \(status.code), \"reason\": "
        JSONEscaping.appendQuoted(reason, to: &body)
        body += ", \"message\": "
        JSONEscaping.appendQuoted(message, to: &body)
        body += "}"
        return body
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension ServiceError {
    /// The body is larger than the configured limit (413).
    static func bodyTooLarge(limit: Int) -> ServiceError {
        ServiceError(.contentTooLarge, reason: "BodyTooLarge",
                     "the request body is larger than the limit of \(limit) bytes; send less text per request or split a batch")
    }

    /// The body is not UTF-8 (400).
    static func invalidUTF8(at offset: Int) -> ServiceError {
        ServiceError(.badRequest, reason: "InvalidUTF8",
                     "the request body is not valid UTF-8 (byte \(offset)); encode the JSON body as UTF-8")
    }

    /// No model has that name (404, whether the name came in a request body
    /// or in the path).
    static func unknownModel(_ name: String, known: [String]) -> ServiceError {
        ServiceError(.notFound, reason: "UnknownModel",
                     "no model named '\(name)' is loaded; use one of: \(known.joined(separator: ", ")) (GET /models lists them)")
    }

    /// Every permit is taken (503, retry after a second).
    static func overloaded(limit: Int) -> ServiceError {
        ServiceError(.serviceUnavailable, reason: "Overloaded",
                     "the server is already handling its limit of \(limit) concurrent requests; retry after the Retry-After delay",
                     headers: [.retryAfter: "1"])
    }

    /// The request ran past the time limit while being tagged (503).
    static func timeLimitExceeded(milliseconds: Int) -> ServiceError {
        ServiceError(.serviceUnavailable, reason: "TimeLimitExceeded",
                     "the request took longer than the time limit of \(milliseconds) ms; send fewer texts per batch",
                     headers: [.retryAfter: "1"])
    }

    /// The body did not arrive within the time limit (408).
    static func bodyTimeout(milliseconds: Int) -> ServiceError {
        ServiceError(.requestTimeout, reason: "RequestTimeout",
                     "the request body did not arrive within the time limit of \(milliseconds) ms; send the whole body at once")
    }

    /// The path exists but does not serve this method (405, with `Allow`).
    static func methodNotAllowed(path: String, allowed: [HTTPRequest.Method]) -> ServiceError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return ServiceError(.methodNotAllowed, reason: "MethodNotAllowed",
                            "\(path) answers \(list) only", headers: [.allow: list])
    }
}
