import Dispatch
import Synchronization

/// Runs independent pieces of work on several threads and collects their
/// results in order: how a batch is split over both cores.
public enum Workers {
    /// Calls `body(index)` for `index` in `0 ..< count` concurrently and
    /// returns the results in index order. With `count == 1` it runs inline.
    public static func map<Result: Sendable>(count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        if count == 1 { return [body(0)] }
        let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = body(index)
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// The number of worker threads to use by default: the active processor count.
    public static var defaultCount: Int {
        max(1, sysconfCount())
    }
}

#if canImport(Glibc)
import Glibc
private func sysconfCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#elseif canImport(Darwin)
import Darwin
private func sysconfCount() -> Int { Int(sysconf(_SC_NPROCESSORS_ONLN)) }
#else
private func sysconfCount() -> Int { 1 }
#endif
