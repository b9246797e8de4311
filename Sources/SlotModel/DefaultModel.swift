#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the shipped model when the caller names none: what ``Tagger/init()``
/// and `tagger tag` without `--model` load.
///
/// The places tried, in order:
/// 1. the directory in the environment variable `SLOT_TAGGER_MODEL`, when set
///    (used as given: a wrong path is reported by the loader);
/// 2. `models/atis-en` in the package checkout the executable was built in:
///    the executable's directory and up to four directories above it (so
///    `.build/release/tagger` finds `<checkout>/models/atis-en`);
/// 3. `<executable>/../share/slot-tagger/models/atis-en`, where `make install` puts it;
/// 4. `models/atis-en` in the current directory.
///
/// A candidate counts when it holds `config.json`. The executable's path is
/// its resolved path (symbolic links followed), so a link in `/usr/local/bin`
/// to a checkout's build still finds the checkout's model.
enum DefaultModel {
    /// The environment variable that names the default model's directory.
    static let environmentVariable = "SLOT_TAGGER_MODEL"
    /// The default model's directory name.
    static let name = "atis-en"

    /// The default model's directory.
    ///
    /// - Throws: ``ModelError/noDefaultModel(tried:)`` when no candidate holds a model.
    static func locate() throws -> String {
        if let path = getenv(environmentVariable).map({ String(cString: $0) }), !path.isEmpty {
            return path
        }
        let executable = executablePath()
        if let found = candidates(executable: executable).first(where: { isFile("\($0)/config.json") }) {
            return found
        }
        let near = executable.map { [
            "models/\(name) in and above \(parent(of: $0))", "\(parent(of: $0))/../share/slot-tagger/models/\(name)",
        ] } ?? []
        throw ModelError.noDefaultModel(tried: ["$" + environmentVariable] + near + ["./models/\(name)"])
    }

    /// The directories tried after the environment variable, in order.
    ///
    /// - Parameter executable: the executable's resolved path, if known.
    /// - Returns: the candidate directories.
    static func candidates(executable: String?) -> [String] {
        var candidates: [String] = []
        if let executable {
            var directory = parent(of: executable)
            for _ in 0..<5 {
                candidates.append("\(directory == "/" ? "" : directory)/models/\(name)")
                guard directory != "/" else { break }
                directory = parent(of: directory)
            }
            candidates.append("\(parent(of: executable))/../share/slot-tagger/models/\(name)")
        }
        candidates.append("models/\(name)")
        return candidates
    }

    /// The directory part of an absolute path (`/` for a top-level entry).
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Whether `path` names an existing regular file.
    private static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The running executable's absolute path with symbolic links resolved, if it can be found.
    private static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        guard let argument = CommandLine.arguments.first, argument.contains("/"),
              let resolved = realpath(argument, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
