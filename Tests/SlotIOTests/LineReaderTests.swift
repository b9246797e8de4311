import Foundation
import SlotIO
import Testing

@Suite("LineReader and LineWriter")
struct LineReaderTests {
    /// Writes `bytes` to a fresh temporary file and returns its path.
    private func temporary(_ bytes: [UInt8], name: String = "input.txt") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slotio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The description of the error `body` throws, or `nil` when it throws none.
    private func errorDescription(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    private func lines(_ reader: LineReader) throws -> [(Int, String)] {
        var result: [(Int, String)] = []
        while let line = try reader.nextLine() { result.append((line.number, String(decoding: line.bytes, as: UTF8.self))) }
        return result
    }

    @Test("LF and CRLF end lines, a lone CR stays, a last line without a break counts, a BOM is skipped")
    func lineBreaks() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\n\nb\rc\nlast".utf8)
        let result = try lines(LineReader(bytes: bytes, name: "m"))
        #expect(result.map(\.0) == [1, 2, 3, 4])
        #expect(result.map(\.1) == ["a", "", "b\rc", "last"])
    }

    @Test("A final line break adds no empty line; an empty input has no lines")
    func ends() throws {
        #expect(try lines(LineReader(bytes: Array("a\n".utf8), name: "m")).map(\.1) == ["a"])
        #expect(try lines(LineReader(bytes: [], name: "m")).isEmpty)
        #expect(try lines(LineReader(bytes: [0xEF, 0xBB, 0xBF], name: "m")).isEmpty)
    }

    @Test("A file read through a tiny buffer gives lines longer than the buffer, a BOM and NUL bytes intact")
    func smallBuffer() throws {
        let long = String(repeating: "x", count: 1000)
        let path = try temporary([0xEF, 0xBB, 0xBF] + Array("\(long)\r\nb\0c\n\n\(long)".utf8))
        var reads = 0
        let reader = try LineReader(contentsOf: path, bufferSize: 16)
        reader.beforeRead = { reads += 1 }
        let result = try lines(reader)
        #expect(result.map(\.1) == [long, "b\0c", "", long])
        #expect(reads >= 7)
    }

    @Test("A 1 MB line reads whole")
    func megabyteLine() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        let path = try temporary(line + [0x0A] + line)
        let result = try lines(LineReader(contentsOf: path))
        #expect(result.map(\.1.utf8.count) == [1 << 20, 1 << 20])
    }

    @Test("A missing file and a directory cannot be opened")
    func cannotOpen() throws {
        #expect(errorDescription { _ = try LineReader(contentsOf: "/nonexistent/in.txt") }
            == "/nonexistent/in.txt: cannot open: No such file or directory; check the path and its permissions")
        #expect(throws: InputOutputError.cannotOpen(file: "/tmp", reason: "Is a directory")) { try LineReader(contentsOf: "/tmp") }
    }

    @Test("Invalid UTF-8 is an error naming the line, or replaced when lossy")
    func utf8() throws {
        let reader = LineReader(bytes: Array("ok\n".utf8) + [0x61, 0xFF, 0x62], name: "in.txt")
        #expect(try reader.nextLine()?.string() == "ok")
        let bad = try #require(try reader.nextLine())
        #expect(errorDescription { _ = try bad.string() } == "in.txt:2: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
        let lossy = bad.lossyString()
        #expect(lossy.text == "a\u{FFFD}b")
        #expect(lossy.replacedInvalidBytes)
    }

    @Test("The writer buffers until flushed or full, and writes files")
    func writer() throws {
        let path = try temporary([], name: "out.txt")
        let output = try LineWriter(creating: path, capacity: 8)
        try output.write("abc")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        try output.write(bytes: Array("defghij\n".utf8))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("abcdefghij\n".utf8))
        try output.write("k")
        try output.flush()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("abcdefghij\nk".utf8))
    }

    @Test("Creating a file in a missing directory fails with the path")
    func writerError() {
        #expect(errorDescription { _ = try LineWriter(creating: "/nonexistent/out.txt") }
            == "/nonexistent/out.txt: write failed: No such file or directory; check free space and permissions")
    }

    @Test("A full device fails the flush with the name and ENOSPC", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullDevice() throws {
        let output = try LineWriter(creating: "/dev/full")
        try output.write("leave Beijing\n")
        #expect(throws: InputOutputError.writeFailed(file: "/dev/full", reason: "No space left on device")) { try output.flush() }
    }
}
