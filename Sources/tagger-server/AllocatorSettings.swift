import CAllocator

/// The C allocator's setting for a server that runs for days and swaps
/// models under load (made when the program loads: `callocator_settled`).
///
/// glibc returns a freed block to the system only when it was mapped on its
/// own, and raises the size from which it maps blocks as such blocks are
/// freed; a reload frees a whole model's matrices. Blocks of 128 KiB or more
/// stay mapped on their own, so a replaced model's matrices go back to the
/// system. With it and glibc's per-thread arenas, a ten-minute soak with a
/// reload every 30 s grew by 6.1 % (README, "Soak"); one arena for every
/// thread, the setting before, cost 10–20 % of the requests per second once
/// each request no longer left a timer behind. `MALLOC_MMAP_THRESHOLD_` in
/// the environment overrides the setting.
enum AllocatorSettings {
    /// Whether the setting took (always `false` on C libraries other than
    /// glibc, whose allocators this does not concern).
    static var applied: Bool { callocator_settled() == 1 }
}
