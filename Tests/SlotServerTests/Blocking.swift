import Dispatch

/// Runs blocking work (a socket read, waiting for a process) on a Dispatch
/// thread, so that it never holds one of the few threads of Swift's
/// cooperative pool, which the servers under test and the other tests share.
enum Blocking {
    static func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try work() })
            }
        }
    }
}
