#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a directory the toolkit writes (a model bundle, a checkpoint) cannot be written.
package enum DirectoryWriteError: Error, Equatable, Sendable {
    /// Something exists at the path that the toolkit did not write: it is never replaced.
    case notRecognised(path: String)
    /// The directory is the toolkit's but holds an entry (a subdirectory, a link, a special
    /// file) that cannot be carried over into its replacement.
    case foreignEntry(path: String, name: String)
    /// A system call failed; what was there is left as it was.
    case failed(path: String, reason: String)
}

/// The points of a write at which an observer is called, in order (for tests that inject
/// failures or look at the directories midway).
package enum DirectoryWriteStep: Hashable, Sendable {
    /// About to create the temporary sibling directory.
    case createTemporaryDirectory
    /// About to write the named file into the temporary directory.
    case writeFile(String)
    /// About to put the new directory in place: one exchange with the old one, or one rename
    /// when there is none.
    case moveNewIn
    /// About to delete the old directory, now under the temporary name.
    case removeOld
}

/// Writes a directory of files so that whoever reads the target sees the old complete
/// directory or the new complete one, never a mixture and never nothing.
///
/// The files are written into `.NAME.tmp-PID-RANDOM` beside the target (same parent, so the
/// same file system), each synced to disk; then the new directory and the old one are exchanged
/// in one step (`renameat2(RENAME_EXCHANGE)`), or, where the file system cannot exchange, the
/// old one is renamed aside and the new one renamed in (restoring the old one if that fails).
/// The old directory is then deleted.
///
/// An existing target is replaced only when it is an empty directory or `recognises` says the
/// toolkit wrote it (a bundle's `config.json`, a checkpoint's `state.json`): anything else is
/// refused with ``DirectoryWriteError/notRecognised(path:)``. Regular files in the old directory
/// that the new one does not hold (a user's notes, `test-scores.json`) are kept: hard-linked
/// into the new directory, unchanged. Temporary directories left by earlier runs that died
/// (their process id no longer runs) are deleted.
package enum AtomicDirectory {
    /// Checks, before any work is done, that `target` can be written: its parent is a
    /// writable directory and the target is absent, an empty directory or recognised.
    ///
    /// - Throws: ``DirectoryWriteError``.
    package static func checkWritable(_ target: String, recognises: (String) -> Bool) throws(DirectoryWriteError) {
        guard let (parent, _, path) = FileSystem.split(target) else {
            throw .failed(path: target, reason: "the path does not name a directory that can be created")
        }
        _ = try isReplacing(path, recognises: recognises)
        guard FileSystem.kind(of: parent) == .directory else {
            throw .failed(path: path, reason: "the parent directory \(parent) does not exist")
        }
        guard FileSystem.isWritableDirectory(parent) else {
            throw .failed(path: path, reason: "the parent directory \(parent) is not writable")
        }
    }

    /// Writes `files` as the directory `target`, replacing what is there atomically.
    ///
    /// - Parameters:
    ///   - files: each file's name and bytes, written in this order.
    ///   - target: the directory to create or replace; its parent must exist.
    ///   - recognises: whether an existing non-empty directory was written by the toolkit.
    ///   - observer: called before each step; an error it throws is handled as a failure of that
    ///     step (at ``DirectoryWriteStep/removeOld`` it only leaves the old directory undeleted).
    /// - Throws: ``DirectoryWriteError``; on any failure the target is as it was.
    package static func write(
        _ files: [(name: String, bytes: [UInt8])], to target: String, recognises: (String) -> Bool,
        observer: (DirectoryWriteStep) throws(DirectoryWriteError) -> Void = { _ throws(DirectoryWriteError) in }
    ) throws(DirectoryWriteError) {
        guard let (parent, name, path) = FileSystem.split(target) else {
            throw .failed(path: target, reason: "the path does not name a directory that can be created")
        }
        let replacing = try isReplacing(path, recognises: recognises)
        guard FileSystem.kind(of: parent) == .directory else {
            throw .failed(path: path, reason: "the parent directory \(parent) does not exist")
        }
        removeStaleSiblings(of: name, in: parent)
        let temporary = FileSystem.join(parent, ".\(name).tmp-\(getpid())-\(FileSystem.randomSuffix())")
        try observer(.createTemporaryDirectory)
        do {
            try FileSystem.makeDirectory(temporary)
        } catch {
            throw .failed(path: path, reason: error.reason)
        }
        do throws(DirectoryWriteError) {
            for file in files {
                try observer(.writeFile(file.name))
                do {
                    try FileSystem.writeNewFile(FileSystem.join(temporary, file.name), file.bytes)
                } catch {
                    throw .failed(path: path, reason: error.reason)
                }
            }
            if replacing { try keepOtherFiles(of: path, in: temporary, besides: Set(files.map(\.name))) }
            FileSystem.syncDirectory(temporary)
            try observer(.moveNewIn)
            try moveIn(temporary, to: path, replacing: replacing, parent: parent, name: name)
        } catch {
            FileSystem.removeTree(temporary)
            throw error
        }
        FileSystem.syncDirectory(parent)
        if replacing {
            // `temporary` now holds the old directory.
            do {
                try observer(.removeOld)
                FileSystem.removeTree(temporary)
            } catch {
                // The new directory is in place and synced; the old one stays under the
                // temporary name and is cleaned by the next write once this process has ended.
            }
        }
    }

    /// Whether an existing target will be replaced (`false` when absent).
    private static func isReplacing(_ path: String, recognises: (String) -> Bool) throws(DirectoryWriteError) -> Bool {
        switch FileSystem.entryKind(of: path) {
        case .missing: return false
        case .directory:
            guard let names = FileSystem.contents(of: path) else { throw .notRecognised(path: path) }
            guard names.isEmpty || recognises(path) else { throw .notRecognised(path: path) }
            for name in names where FileSystem.entryKind(of: FileSystem.join(path, name)) != .regularFile {
                throw .foreignEntry(path: path, name: name)
            }
            return true
        case .regularFile, .other: throw .notRecognised(path: path)
        }
    }

    /// Hard-links every regular file of `old` that the new directory does not hold into it.
    private static func keepOtherFiles(of old: String, in temporary: String, besides written: Set<String>) throws(DirectoryWriteError) {
        for name in FileSystem.contents(of: old) ?? [] where !written.contains(name) {
            do {
                try FileSystem.link(FileSystem.join(old, name), as: FileSystem.join(temporary, name))
            } catch {
                throw .failed(path: old, reason: error.reason)
            }
        }
    }

    /// Puts the finished temporary directory at `path`: one exchange, or one rename when
    /// nothing is there; where exchange is unsupported, rename aside and in, restoring on failure.
    /// Afterwards `temporary` names the old directory (when there was one).
    private static func moveIn(_ temporary: String, to path: String, replacing: Bool, parent: String, name: String) throws(DirectoryWriteError) {
        guard replacing else {
            do {
                try FileSystem.rename(temporary, to: path)
            } catch {
                throw .failed(path: path, reason: error.reason)
            }
            return
        }
        do {
            try FileSystem.exchange(temporary, path)
            return
        } catch where error.code == EINVAL || error.code == ENOSYS || error.code == ENOTSUP {
            // The file system cannot exchange: fall back to two renames below.
        } catch {
            throw .failed(path: path, reason: error.reason)
        }
        let aside = FileSystem.join(parent, ".\(name).old-\(getpid())-\(FileSystem.randomSuffix())")
        do {
            try FileSystem.rename(path, to: aside)
        } catch {
            throw .failed(path: path, reason: error.reason)
        }
        do {
            try FileSystem.rename(temporary, to: path)
        } catch {
            do {
                try FileSystem.rename(aside, to: path)
            } catch let restoreFailure {
                throw .failed(path: path, reason: "\(error.reason); restoring the previous directory failed too (\(restoreFailure.reason)), it is kept at \(aside)")
            }
            throw .failed(path: path, reason: error.reason)
        }
        do {
            try FileSystem.rename(aside, to: temporary)
        } catch {
            throw .failed(path: path, reason: error.reason)
        }
    }

    /// Deletes `.NAME.tmp-PID-…` and `.NAME.old-PID-…` siblings whose process has ended, and
    /// those of older versions (`.NAME.tmp-RANDOM`) more than an hour old.
    private static func removeStaleSiblings(of name: String, in parent: String) {
        let now = Int(time(nil))
        for entry in FileSystem.contents(of: parent) ?? [] {
            for prefix in [".\(name).tmp-", ".\(name).old-"] where entry.hasPrefix(prefix) {
                let rest = entry.dropFirst(prefix.count).split(separator: "-")
                let path = FileSystem.join(parent, entry)
                if rest.count == 2, let pid = Int32(rest[0]) {
                    if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { FileSystem.removeTree(path) }
                } else if rest.count == 1, let modified = FileSystem.modificationTime(of: path), now - modified > 3600 {
                    FileSystem.removeTree(path)
                }
            }
        }
    }
}
