import CAllocator

/// The C allocator's settings for a server that runs for days and swaps
/// models under load (made when the program loads: `callocator_settled`).
///
/// glibc gives threads their own arenas and returns a freed block to the
/// system only when it was mapped on its own. Under load, a reload's
/// allocations and the requests' land in whichever arenas their threads hold,
/// and the freed pages stay there: resident memory climbed by about 20 % over
/// a ten-minute soak with a reload every 30 s (README, "Soak"). One arena for
/// every thread, set before any thread starts, and blocks of 128 KiB or more
/// mapped on their own keep it within 10 %, for about 7–9 % fewer requests
/// per second at 8 and 64 connections (malloc's one lock). `MALLOC_ARENA_MAX`
/// in the environment overrides the arena setting.
enum AllocatorSettings {
    /// Whether the settings took (always `false` on C libraries other than
    /// glibc, whose allocators this does not concern).
    static var applied: Bool { callocator_settled() == 1 }
}
