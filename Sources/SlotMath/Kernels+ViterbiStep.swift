import CKernels

extension Kernels {
    /// One step of Viterbi over `count` labels, for every label `j`:
    /// ```
    /// next[j]     = emissions[j] + max_i (delta[i] + incoming[j · count + i])
    /// pointers[j] = the first i that reaches the maximum (ties go to the lower label)
    /// ```
    /// with `i` only over `j`'s runs of possible previous labels: the
    /// `[start, end)` pairs `runOffsets[j] ..< runOffsets[j + 1]` of
    /// `runBounds`, in rising order. A label that no previous label reaches
    /// gets `-infinity` and pointer 0. `outgoing` holds the same scores
    /// transposed (`outgoing[i · count + j] == incoming[j · count + i]`).
    ///
    /// With AVX2, where the processor has it (`CKernels`), eight labels that
    /// every label may precede go at once over the rows of `outgoing`, and
    /// other runs of eight labels or more go eight at a time; every sum is the
    /// same single addition on every path, so the result is the same bits
    /// whichever code runs.
    @inlinable
    package static func viterbiStep(
        count: Int, delta: UnsafePointer<Float>, incoming: UnsafePointer<Float>,
        runBounds: UnsafePointer<Int32>, runOffsets: UnsafePointer<Int32>, outgoing: UnsafePointer<Float>,
        emissions: UnsafePointer<Float>,
        next: UnsafeMutablePointer<Float>, pointers: UnsafeMutablePointer<Int32>, path: Path = .fastest
    ) {
        let step = path == .fastest ? ckernels_viterbi_step : ckernels_viterbi_step_portable
        step(Int32(count), delta, incoming, runBounds, runOffsets, outgoing, emissions, next, pointers)
    }
}
