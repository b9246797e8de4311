import Synchronization

/// Counts the requests in progress and refuses one more than the limit.
final class ConcurrencyLimiter: Sendable {
    /// The most requests at once.
    let limit: Int
    private let inFlight = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// The requests holding a permit now (briefly one more while a refused one backs out).
    var inProgress: Int { inFlight.load(ordering: .relaxed) }

    /// Runs `body` holding one of the `limit` permits.
    ///
    /// - Throws: ``ServiceError`` 503 with `Retry-After` when every permit is
    ///   taken; whatever `body` throws.
    func withPermit<Result>(_ body: () async throws -> Result) async throws -> Result {
        let taken = inFlight.add(1, ordering: .relaxed).newValue
        defer { inFlight.subtract(1, ordering: .relaxed) }
        guard taken <= limit else { throw ServiceError.overloaded(limit: limit) }
        return try await body()
    }
}
