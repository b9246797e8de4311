#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The few file-system operations a bundle needs, over POSIX calls so that files can be synced
/// to disk and directories renamed atomically.
enum BundleFileSystem {
    /// What, if anything, a path names.
    enum Kind: Equatable {
        case missing
        case directory
        case regularFile
        case other
    }

    /// A failed system call: what was attempted and the system's explanation.
    struct Failure: Error {
        /// The operation and the system's message, e.g. `cannot create x: Permission denied`.
        var reason: String
        /// The `errno` value.
        var code: Int32
        /// Whether the failure is that the path does not exist.
        var isMissingFile: Bool { code == ENOENT }
    }

    /// Joins a directory and a name with exactly one `/`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Splits a path into its parent directory and last component, ignoring trailing slashes.
    ///
    /// - Returns: The parent (`.` when the path has none), the last component, and the path
    ///   without trailing slashes; `nil` when there is no usable last component (empty, `/`,
    ///   `.` or `..`).
    static func split(_ path: String) -> (parent: String, name: String, path: String)? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let name = String(trimmed.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard !name.isEmpty, name != ".", name != ".." else { return nil }
        let parent = trimmed.dropLast(name.count)
        switch parent {
        case "": return (".", name, String(trimmed))
        case "/": return ("/", name, String(trimmed))
        default: return (String(parent.dropLast()), name, String(trimmed))
        }
    }

    /// Reports what a path names, following symbolic links.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// Reads a whole regular file.
    ///
    /// - Throws: ``Failure`` with `ENOENT` when the file does not exist, `EISDIR`/`EINVAL` when it
    ///   is not a regular file, or whatever `open`/`read` reported.
    static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot inspect") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(reason: "not a regular file", code: info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL)
        }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        let readError: Int32? = bytes.withUnsafeMutableBytes { buffer in
            while filled < size {
                let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if count == 0 { break }
                filled += count
            }
            return nil
        }
        if let readError { throw Failure(reason: "cannot read: \(message(for: readError))", code: readError) }
        return Array(bytes.prefix(filled))
    }

    /// Creates a new file (failing if one exists), writes all bytes, syncs them to disk and closes it.
    static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(path)") }
        var written = 0
        let writeError: Int32? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        if let writeError {
            close(descriptor)
            throw Failure(reason: "cannot write \(path): \(message(for: writeError))", code: writeError)
        }
        guard fsync(descriptor) == 0 else {
            let failure = failure("cannot sync \(path) to disk")
            close(descriptor)
            throw failure
        }
        guard close(descriptor) == 0 else { throw failure("cannot close \(path)") }
    }

    /// Creates a directory (failing if anything exists at the path).
    static func makeDirectory(_ path: String) throws(Failure) {
        guard mkdir(path, 0o755) == 0 else { throw failure("cannot create directory \(path)") }
    }

    /// Renames a file or directory within one file system, atomically.
    static func rename(_ source: String, to destination: String) throws(Failure) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #elseif canImport(Musl)
        let result = Musl.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else { throw failure("cannot rename \(source) to \(destination)") }
    }

    /// Asks the system to write a directory's entries to disk; best effort, failures are ignored
    /// because some file systems cannot sync directories.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Removes a file or a directory tree; best effort, failures are ignored.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The names in a directory, or `nil` when it cannot be listed.
    static func contents(of directory: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: directory)
    }

    /// A random suffix for temporary names, 16 hexadecimal digits.
    static func randomSuffix() -> String {
        let value = UInt64.random(in: .min ... .max)
        return SHA256Hasher.hexadecimal((0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * $0)) })
    }

    /// A ``Failure`` for the current `errno`.
    private static func failure(_ what: String) -> Failure {
        let code = errno
        return Failure(reason: "\(what): \(message(for: code))", code: code)
    }

    /// The system's message for an `errno` value.
    private static func message(for code: Int32) -> String {
        String(cString: strerror(code))
    }
}
