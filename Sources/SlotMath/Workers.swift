import Dispatch
import Synchronization

/// Runs independent pieces of work on several threads and collects their
/// results in order: how a batch is split over both cores.
package enum Workers {
    /// Calls `body(index)` for `index` in `0 ..< count` concurrently and
    /// returns the results in index order. With `count == 1` it runs inline.
    package static func map<Result: Sendable>(count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        if count == 1 { return [body(0)] }
        let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = body(index)
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// Calls `body(index, &elements[index])` for every index concurrently and
    /// keeps the changed elements. With one element it runs inline.
    ///
    /// Each element is moved to its worker and back rather than copied, so the
    /// arrays it holds are still uniquely referenced there and are written in
    /// place: this is how two threads update the parts of one large value
    /// (for example the shards of a word table) without copying them and
    /// without unsafe pointers.
    package static func update<Element: Sendable>(_ elements: inout [Element], _ body: @Sendable (Int, inout Element) -> Void) {
        if elements.count == 1 {
            body(0, &elements[0])
            return
        }
        var slots: [Element?] = []
        slots.reserveCapacity(elements.count)
        while let element = elements.popLast() { slots.append(element) }
        slots.reverse()
        let count = slots.count
        let shared = Mutex<[Element?]>(consume slots)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            guard var element = shared.withLock({ $0[index].take() }) else {
                preconditionFailure("element \(index) is taken once")
            }
            body(index, &element)
            shared.withLock { $0[index] = element }
        }
        elements = shared.withLock { slots in
            slots.indices.map { index in
                guard let element = slots[index].take() else { preconditionFailure("element \(index) came back") }
                return element
            }
        }
    }

    /// The number of worker threads to use by default: the active processor count.
    package static var defaultCount: Int {
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

extension Workers {
    /// Cuts `0 ..< count` into consecutive chunks of `chunkSize`, hands the
    /// chunks round-robin to `threads` workers, and returns the concatenated
    /// results in index order. `body` must return one result per index of its chunk.
    package static func mapChunks<Result: Sendable>(
        count: Int, chunkSize: Int, threads: Int, _ body: @Sendable (Range<Int>) -> [Result]
    ) -> [Result] {
        let chunks = stride(from: 0, to: count, by: chunkSize).map { $0 ..< min($0 + chunkSize, count) }
        guard !chunks.isEmpty else { return [] }
        let workers = max(1, min(threads, chunks.count))
        let parts = map(count: workers) { worker -> [Result] in
            stride(from: worker, to: chunks.count, by: workers).flatMap { chunk -> [Result] in
                let results = body(chunks[chunk])
                precondition(results.count == chunks[chunk].count, "one result per index of a chunk")
                return results
            }
        }
        var results: [Result] = []
        results.reserveCapacity(count)
        var positions = [Int](repeating: 0, count: workers)
        for chunk in chunks.indices {
            let worker = chunk % workers
            let size = chunks[chunk].count
            results.append(contentsOf: parts[worker][positions[worker] ..< positions[worker] + size])
            positions[worker] += size
        }
        return results
    }
}

extension Workers {
    /// Calls `body(index)` for every index of `costs` on `threads` workers and
    /// returns the results in index order. Each worker gets a set of indices of
    /// about equal total cost (largest first, each to the least loaded worker),
    /// so that tensors of very different sizes keep both cores busy.
    package static func mapBalanced<Result: Sendable>(
        costs: [Int], threads: Int, _ body: @Sendable (Int) -> Result
    ) -> [Result] {
        let workers = max(1, min(threads, costs.count))
        var assigned = [[Int]](repeating: [], count: workers)
        var loads = [Int](repeating: 0, count: workers)
        for index in costs.indices.sorted(by: { costs[$0] > costs[$1] }) {
            let worker = loads.indices.min { loads[$0] < loads[$1] } ?? 0
            assigned[worker].append(index)
            loads[worker] += costs[index]
        }
        let shares = assigned
        let parts = map(count: workers) { worker in shares[worker].map { ($0, body($0)) } }
        var results = [Result?](repeating: nil, count: costs.count)
        for (index, result) in parts.joined() { results[index] = result }
        return results.map { result in
            guard let result else { preconditionFailure("every index has a result") }
            return result
        }
    }
}

