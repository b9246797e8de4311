#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to a file or file descriptor.
///
/// Text is collected in a buffer and written with `write(2)` when the buffer
/// fills, on ``flush()``, and when the writer is released (where errors can no
/// longer be reported: call ``flush()`` to learn of them). A tool that streams
/// flushes whenever its input is about to wait (see ``LineReader/beforeRead``),
/// which gives line-by-line output to interactive users and large writes to
/// batch jobs.
///
/// ```swift
/// let output = LineWriter(fileDescriptor: 1, name: "<stdout>")
/// try output.write("leave | Beijing\n")
/// try output.flush()
/// ```
package final class LineWriter {
    /// The name used in error messages: the path, or `<stdout>`.
    package let name: String
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let capacity: Int
    private var buffer: [UInt8] = []

    /// Writes to an open file descriptor, which the writer does not close.
    ///
    /// - Parameters:
    ///   - fileDescriptor: A writable descriptor, such as 1 for standard output.
    ///   - name: The name used in error messages.
    ///   - capacity: Bytes collected before a `write(2)`.
    package init(fileDescriptor: Int32, name: String, capacity: Int = 1 << 16) {
        self.name = name
        self.descriptor = fileDescriptor
        self.closesDescriptor = false
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Creates or truncates a file and writes to it.
    ///
    /// - Parameters:
    ///   - path: The file's path; `-` means standard output.
    ///   - capacity: Bytes collected before a `write(2)`.
    /// - Throws: ``InputOutputError/writeFailed(file:reason:)`` when the file cannot be created.
    package init(creating path: String, capacity: Int = 1 << 16) throws {
        self.name = path == "-" ? "<stdout>" : path
        self.capacity = capacity
        if path == "-" {
            self.descriptor = 1
            self.closesDescriptor = false
        } else {
            var descriptor: Int32
            repeat {
                descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            } while descriptor < 0 && errno == EINTR
            guard descriptor >= 0 else {
                throw InputOutputError.writeFailed(file: path, reason: SystemError.message(errno))
            }
            self.descriptor = descriptor
            self.closesDescriptor = true
        }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        try? flush()
        if closesDescriptor { close(descriptor) }
    }

    /// Appends text.
    ///
    /// - Parameter text: The text, written as UTF-8.
    /// - Throws: ``InputOutputError/writeFailed(file:reason:)`` when a full buffer cannot be written.
    package func write(_ text: some StringProtocol) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends bytes.
    ///
    /// - Parameter bytes: The bytes, written unchanged.
    /// - Throws: ``InputOutputError/writeFailed(file:reason:)`` when a full buffer cannot be written.
    package func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Writes everything buffered so far.
    ///
    /// - Throws: ``InputOutputError/writeFailed(file:reason:)`` when `write(2)` fails.
    package func flush() throws {
        var written = 0
        defer { buffer.removeFirst(written) }
        while written < buffer.count {
            let count = buffer.withUnsafeBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return 0 }
                return SystemError.writeBytes(descriptor, base + written, pointer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputOutputError.writeFailed(file: name, reason: SystemError.message(errno))
            }
            written += count
        }
    }
}
