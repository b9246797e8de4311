/// The limits that keep one client from exhausting the server: every
/// request past one of them gets a 4xx or 503 answer saying which limit it hit.
package struct ServerLimits: Sendable, Equatable {
    /// The largest request body accepted, in bytes (more: 413).
    package var maxBodyBytes: Int
    /// The most tokens one text may have (more: 422), so that the work and
    /// memory of one text stay bounded.
    package var maxTokens: Int
    /// The most texts in one `POST /parse/batch` (more: 422).
    package var maxBatchSize: Int
    /// The most n-best labellings one request may ask for (more: 422).
    package var maxNBest: Int
    /// The most requests the tagging routes serve at once (more: 503 with `Retry-After`).
    package var maxConcurrentRequests: Int
    /// How long one request may take, body and tagging together (body late:
    /// 408; tagging past it: 503). Batches are tagged in chunks and the limit
    /// is checked between chunks; one text is bounded by ``maxTokens``.
    package var timeLimit: Duration
    /// How long a connection may stay open without a byte arriving before the
    /// server closes it, so that clients that connect and send nothing do not
    /// hold connections forever. Longer than nginx's upstream keep-alive (60 s),
    /// so that behind it nginx closes an idle connection first.
    package var idleTimeout: Duration

    /// Creates limits; the defaults suit a chatbot backend on a small machine.
    package init(
        maxBodyBytes: Int = 1 << 20, maxTokens: Int = 200, maxBatchSize: Int = 1_000, maxNBest: Int = 10,
        maxConcurrentRequests: Int = 512, timeLimit: Duration = .seconds(10), idleTimeout: Duration = .seconds(75)
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxTokens = maxTokens
        self.maxBatchSize = maxBatchSize
        self.maxNBest = maxNBest
        self.maxConcurrentRequests = maxConcurrentRequests
        self.timeLimit = timeLimit
        self.idleTimeout = idleTimeout
    }

    /// ``timeLimit`` in whole milliseconds, for messages.
    var timeLimitMilliseconds: Int {
        let (seconds, attoseconds) = timeLimit.components
        return Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
