import Foundation

/// The process's resource usage, from `getrusage`.
enum ResourceUsage {
    /// Peak resident set size in megabytes (Linux reports kilobytes, macOS bytes).
    static var peakResidentMegabytes: Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        return Int(usage.ru_maxrss) / 1024
        #else
        return Int(usage.ru_maxrss) / (1024 * 1024)
        #endif
    }
}
