#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in large chunks, handing each line's bytes to a
/// closure without copying them into strings.
enum LineReader {
    /// The size of one read; lines longer than this grow the buffer.
    static let chunkSize = 1 << 20

    /// Calls `body` with each line's 1-based number and bytes (without the line
    /// break, a trailing carriage return removed), in order.
    /// - Throws: ``VocabularyError/unreadable(file:reason:)`` when the file cannot
    ///   be opened or read, and whatever `body` throws.
    static func forEachLine(
        in path: String,
        _ body: (Int, UnsafeBufferPointer<UInt8>) throws(VocabularyError) -> Void
    ) throws(VocabularyError) {
        guard let file = fopen(path, "rb") else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var capacity = chunkSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var lineNumber = 0
        while true {
            if filled == capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let read = fread(buffer + filled, 1, capacity - filled, file)
            if read == 0 {
                if ferror(file) != 0 {
                    throw .unreadable(file: path, reason: String(cString: strerror(errno)))
                }
                if filled > 0 {
                    lineNumber += 1
                    try body(lineNumber, line(buffer, from: 0, to: filled))
                }
                return
            }
            let end = filled + read
            var lineStart = 0
            var position = filled
            while position < end, let found = memchr(buffer + position, 0x0A, end - position) {
                position = found.assumingMemoryBound(to: UInt8.self) - buffer
                lineNumber += 1
                try body(lineNumber, line(buffer, from: lineStart, to: position))
                position += 1
                lineStart = position
            }
            filled = end - lineStart
            if lineStart > 0 && filled > 0 {
                memmove(buffer, buffer + lineStart, filled)
            }
        }
    }

    private static func line(_ buffer: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
        var end = end
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(start: buffer + start, count: end - start)
    }
}
