import Foundation
import Testing

@Suite("tagger tag as a co-process")
struct TaggerStreamingTests {
    @Test("Through a pipe, each line's record arrives before the next line is written")
    func pipe() throws {
        let process = Process()
        process.executableURL = try CLIRunner.productsDirectory(containing: "tagger").appendingPathComponent("tagger")
        process.arguments = ["tag", "--model", try TaggerTestModel.directory()]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // A tagger that waited for more input would block the reads below: end it after 20 s so the test fails instead.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        defer { watchdog.cancel() }

        func readLine() -> String {
            var bytes = Data()
            while !bytes.hasSuffix("\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                bytes.append(chunk)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        input.fileHandleForWriting.write(Data("flights from boston to denver\n".utf8))
        let first = readLine()
        #expect(first.hasPrefix("{\"text\": \"flights from boston to denver\", \"tokens\": "))
        #expect(first.hasSuffix("}\n"))
        input.fileHandleForWriting.write(Data("\n".utf8))
        #expect(readLine() == "{\"text\": \"\", \"tokens\": [], \"slots\": [], \"intent\": null, \"intent_ranking\": []}\n")
        input.fileHandleForWriting.write(Data("cheapest fare to dallas\n".utf8))
        #expect(readLine().hasPrefix("{\"text\": \"cheapest fare to dallas\""))
        try input.fileHandleForWriting.close()
        #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

extension Data {
    fileprivate func hasSuffix(_ suffix: String) -> Bool {
        count > 0 && last == suffix.utf8.last
    }
}
