#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file, a file descriptor or bytes in memory one line at a time, as
/// raw bytes with 1-based line numbers.
///
/// Lines end at LF; a CR before the LF is removed too (CRLF files read like
/// LF files), and a final line without a line break is still a line. A UTF-8
/// byte order mark at the start of the input is skipped. Lines of any length
/// are supported; the buffer grows to hold the longest line.
///
/// Reading is streaming: a line is returned as soon as its line break has
/// arrived, so an interactive or line-by-line pipe gets one answer per line.
/// ``beforeRead`` runs just before each `read(2)` call, which is where a tool
/// that streams should flush its output (the reader is about to wait, or has
/// used up its buffer).
///
/// ```swift
/// let reader = try LineReader(contentsOf: "corpora/atis/dev.conll")
/// while let line = try reader.nextLine() {
///     let text = try line.string()      // InputOutputError.invalidUTF8 names file:line
/// }
/// ```
package final class LineReader {
    /// The name used in error messages: the path, or `<stdin>`.
    package let name: String
    /// Called before each `read(2)`; errors it throws are passed on by ``nextLine()``.
    package var beforeRead: (() throws -> Void)?

    private let descriptor: Int32
    private let closesDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var reachedEnd = false
    private var lineNumber = 0
    private var checkedByteOrderMark = false
    /// Where the search for the next LF resumes: bytes before it hold none.
    private var scanned = 0

    /// Opens a file for reading.
    ///
    /// - Parameters:
    ///   - path: The file's path; `-` means standard input.
    ///   - bufferSize: Bytes read per `read(2)` call.
    /// - Throws: ``InputOutputError/cannotOpen(file:reason:)`` when the file does not
    ///   exist, is a directory or cannot be read.
    package convenience init(contentsOf path: String, bufferSize: Int = 1 << 16) throws {
        if path == "-" {
            self.init(fileDescriptor: 0, name: "<stdin>", bufferSize: bufferSize)
            return
        }
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            throw InputOutputError.cannotOpen(file: path, reason: SystemError.message(errno))
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw InputOutputError.cannotOpen(file: path, reason: SystemError.message(EISDIR))
        }
        self.init(descriptor: descriptor, closes: true, name: path, bufferSize: bufferSize)
    }

    /// Reads from an open file descriptor, which the reader does not close.
    ///
    /// - Parameters:
    ///   - fileDescriptor: A readable descriptor, such as 0 for standard input.
    ///   - name: The name used in error messages.
    ///   - bufferSize: Bytes read per `read(2)` call.
    package convenience init(fileDescriptor: Int32, name: String, bufferSize: Int = 1 << 16) {
        self.init(descriptor: fileDescriptor, closes: false, name: name, bufferSize: bufferSize)
    }

    /// Reads lines from bytes in memory.
    ///
    /// - Parameters:
    ///   - bytes: The whole input.
    ///   - name: The name used in error messages.
    package init(bytes: [UInt8], name: String) {
        self.name = name
        self.descriptor = -1
        self.closesDescriptor = false
        self.buffer = bytes
        self.end = bytes.count
        self.reachedEnd = true
    }

    private init(descriptor: Int32, closes: Bool, name: String, bufferSize: Int) {
        self.name = name
        self.descriptor = descriptor
        self.closesDescriptor = closes
        self.buffer = [UInt8](repeating: 0, count: max(bufferSize, 16))
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// The next line, or `nil` at the end of the input.
    ///
    /// - Returns: The line's number and its bytes without the line break.
    /// - Throws: ``InputOutputError/readFailed(file:reason:)`` when reading fails,
    ///   or whatever ``beforeRead`` throws.
    package func nextLine() throws -> InputLine? {
        while true {
            if !checkedByteOrderMark, !checkByteOrderMark() {
                try fill()
                continue
            }
            if let newline = buffer[max(start, scanned)..<end].firstIndex(of: 0x0A) {
                return takeLine(upTo: newline, consuming: 1)
            }
            scanned = end
            if reachedEnd {
                guard start < end else { return nil }
                return takeLine(upTo: end, consuming: 0)
            }
            try fill()
        }
    }

    /// Removes the line ending at `lineEnd` (exclusive) from the buffer.
    private func takeLine(upTo lineEnd: Int, consuming terminatorLength: Int) -> InputLine {
        var contentEnd = lineEnd
        if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let bytes = Array(buffer[start..<contentEnd])
        start = lineEnd + terminatorLength
        lineNumber += 1
        return InputLine(file: name, number: lineNumber, bytes: bytes)
    }

    /// Reads more bytes after the unconsumed ones, growing the buffer when a
    /// line fills it.
    private func fill() throws {
        try beforeRead?()
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return }
                base.update(from: base + start, count: end - start)
            }
            end -= start
            scanned -= start
            start = 0
        }
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return 0 }
                return read(descriptor, base + end, pointer.count - end)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputOutputError.readFailed(file: name, reason: SystemError.message(errno))
            }
            if count == 0 { reachedEnd = true }
            end += count
            break
        }
    }

    /// Skips a UTF-8 byte order mark at the very start of the input.
    ///
    /// - Returns: `false` when the bytes read so far could still be the start
    ///   of a byte order mark and more must be read to decide.
    private func checkByteOrderMark() -> Bool {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let available = buffer[start..<min(end, start + 3)]
        if available.count < 3, !reachedEnd, available.elementsEqual(mark.prefix(available.count)) {
            return false
        }
        if available.elementsEqual(mark) { start += 3 }
        checkedByteOrderMark = true
        return true
    }
}
