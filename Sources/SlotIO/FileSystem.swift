#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CFileSystem
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The file-system operations the toolkit's writers and loaders share, over POSIX calls so that
/// files can be synced to disk, directories renamed or exchanged atomically, and special files
/// (FIFOs, devices) refused without blocking.
package enum FileSystem {
    /// What, if anything, a path names.
    package enum Kind: Equatable {
        /// Nothing is at the path.
        case missing
        /// A directory.
        case directory
        /// A regular file.
        case regularFile
        /// A FIFO, socket, device or anything else.
        case other
    }

    /// A failed system call: what was attempted and the system's explanation.
    package struct Failure: Error {
        /// The operation and the system's message, e.g. `cannot create x: Permission denied`.
        package var reason: String
        /// The `errno` value.
        package var code: Int32
        /// Whether the failure is that the path does not exist.
        package var isMissingFile: Bool { code == ENOENT }

        /// Creates a failure.
        package init(reason: String, code: Int32) {
            self.reason = reason
            self.code = code
        }
    }

    /// Joins a directory and a name with exactly one `/`.
    package static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Splits a path into its parent directory and last component, ignoring trailing slashes.
    ///
    /// - Returns: The parent (`.` when the path has none), the last component, and the path
    ///   without trailing slashes; `nil` when there is no usable last component (empty, `/`,
    ///   `.` or `..`).
    package static func split(_ path: String) -> (parent: String, name: String, path: String)? {
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
    package static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// Reads a whole regular file. The file is opened without blocking and checked to be a
    /// regular file before anything is read, so a FIFO or a device in its place is an error
    /// rather than a hang.
    ///
    /// - Throws: ``Failure`` with `ENOENT` when the file does not exist, `EISDIR`/`EINVAL` when it
    ///   is not a regular file, or whatever `open`/`read` reported.
    package static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure("cannot open") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot inspect") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(reason: "not a regular file", code: info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL)
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
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
    package static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(Failure) {
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
    package static func makeDirectory(_ path: String) throws(Failure) {
        guard mkdir(path, 0o755) == 0 else { throw failure("cannot create directory \(path)") }
    }

    /// Renames a file or directory within one file system, atomically.
    package static func rename(_ source: String, to destination: String) throws(Failure) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #elseif canImport(Musl)
        let result = Musl.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else { throw failure("cannot rename \(source) to \(destination)") }
    }

    /// Exchanges two existing paths atomically (both stay present throughout).
    ///
    /// - Throws: ``Failure``; `EINVAL` or `ENOSYS` when the file system cannot exchange.
    package static func exchange(_ first: String, _ second: String) throws(Failure) {
        guard cfs_exchange(first, second) == 0 else { throw failure("cannot exchange \(first) and \(second)") }
    }

    /// Creates a hard link: a second name for the same file, whose bytes are not copied.
    package static func link(_ existing: String, as new: String) throws(Failure) {
        #if canImport(Glibc)
        let result = Glibc.link(existing, new)
        #elseif canImport(Musl)
        let result = Musl.link(existing, new)
        #else
        let result = Darwin.link(existing, new)
        #endif
        guard result == 0 else { throw failure("cannot keep \(existing)") }
    }

    /// Whether the process may create entries in a directory.
    package static func isWritableDirectory(_ path: String) -> Bool {
        kind(of: path) == .directory && access(path, W_OK | X_OK) == 0
    }

    /// Reports what a path names without following a final symbolic link (`.other` for the link).
    package static func entryKind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// The modification time of a path in seconds since 1970, or `nil` when it cannot be read.
    package static func modificationTime(of path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        return Int(info.st_mtimespec.tv_sec)
        #else
        return Int(info.st_mtim.tv_sec)
        #endif
    }

    /// Asks the system to write a directory's entries to disk; best effort, failures are ignored
    /// because some file systems cannot sync directories.
    package static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Removes a file or a directory tree; best effort, failures are ignored.
    package static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The names in a directory, or `nil` when it cannot be listed.
    package static func contents(of directory: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: directory)
    }

    /// A random suffix for temporary names, 16 hexadecimal digits.
    package static func randomSuffix() -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
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
