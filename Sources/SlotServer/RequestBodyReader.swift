import FoundationEssentials
import Hummingbird
import NIOCore
import NIOPosix
import Synchronization

/// Reads and decodes request bodies within the server's limits, turning every
/// way a body can be wrong into a ``ServiceError`` that says what to fix.
struct RequestBodyReader: Sendable {
    /// The limits on size and time.
    let limits: ServerLimits

    /// The whole body, at most ``ServerLimits/maxBodyBytes`` bytes, received before `deadline`.
    ///
    /// The body is collected in a task of its own, which a timer on an event
    /// loop cancels at the deadline; the timer is cancelled as soon as the body
    /// is in, so a server answering thousands of requests a second holds no
    /// sleeping timer per answered request (a `Task.sleep` racing the body did:
    /// its timer stayed queued until the deadline, 10 s of requests' worth of them).
    ///
    /// - Throws: ``ServiceError`` 413 when the body is too large (told by
    ///   `Content-Length` or found while reading), 408 when it is late.
    func bytes(of request: Request, deadline: ContinuousClock.Instant) async throws -> ByteBuffer {
        let limit = limits.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        let body = request.body
        let collecting = Task { try await body.collect(upTo: limit) }
        let expiry = Expiry()
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: TimeAmount(deadline - .now)) {
            expiry.fired.store(true, ordering: .sequentiallyConsistent)
            collecting.cancel()
        }
        defer { timer.cancel() }
        do {
            let buffer = try await withTaskCancellationHandler {
                try await collecting.value
            } onCancel: {
                collecting.cancel()
            }
            // A cancelled collection may end early with part of the body.
            guard !expiry.fired.load(ordering: .sequentiallyConsistent) else {
                throw ServiceError.bodyTimeout(milliseconds: limits.timeLimitMilliseconds)
            }
            return buffer
        } catch is NIOTooManyBytesError {
            throw ServiceError.bodyTooLarge(limit: limit)
        } catch where expiry.fired.load(ordering: .sequentiallyConsistent) {
            throw ServiceError.bodyTimeout(milliseconds: limits.timeLimitMilliseconds)
        }
    }

    /// Whether a body's deadline has passed (set by its timer on an event loop).
    private final class Expiry: Sendable {
        let fired = Atomic<Bool>(false)
    }

    /// Decodes a JSON body into `Body`.
    ///
    /// - Parameters:
    ///   - type: the request's type.
    ///   - buffer: the body.
    ///   - example: a valid body, quoted in every error message.
    /// - Throws: ``ServiceError`` 400 for invalid UTF-8, invalid JSON, a
    ///   missing field, a field of the wrong type or a null.
    static func decode<Body: Decodable>(_ type: Body.Type, from buffer: ByteBuffer, example: String) throws(ServiceError) -> Body {
        let bytes = buffer.readableBytesView
        if let offset = invalidUTF8Offset(in: bytes) { throw .invalidUTF8(at: offset) }
        let hint = "; send a JSON object such as \(example)"
        guard !bytes.isEmpty else {
            throw ServiceError(.badRequest, reason: "InvalidJSON", "the request body is empty" + hint)
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch let error as DecodingError {
            switch error {
            case let .keyNotFound(key, context):
                throw ServiceError(.badRequest, reason: "MissingField",
                                   "the field '\(path(context.codingPath + [key]))' is missing" + hint)
            case let .typeMismatch(expected, context) where context.codingPath.isEmpty:
                _ = expected
                throw ServiceError(.badRequest, reason: "WrongType", "the request body must be a JSON object" + hint)
            case let .typeMismatch(expected, context):
                throw ServiceError(.badRequest, reason: "WrongType",
                                   "the field '\(path(context.codingPath))' must be \(describe(expected))" + hint)
            case let .valueNotFound(expected, context):
                throw ServiceError(.badRequest, reason: "WrongType",
                                   "the field '\(path(context.codingPath))' is null but must be \(describe(expected))" + hint)
            case let .dataCorrupted(context):
                let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
                throw ServiceError(.badRequest, reason: "InvalidJSON", "the request body is not valid JSON (\(detail))" + hint)
            @unknown default:
                throw ServiceError(.badRequest, reason: "InvalidJSON", "the request body could not be decoded" + hint)
            }
        } catch {
            throw ServiceError(.badRequest, reason: "InvalidJSON", "the request body is not valid JSON (\(error))" + hint)
        }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil`.
    static func invalidUTF8Offset(in bytes: some Collection<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// `texts[2]`, `model`: a coding path as a client writes it.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// `a string`, `an integer`, `an array`: a Swift type as JSON calls it.
    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
