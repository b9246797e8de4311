import Foundation
import SlotTagger
import SlotTestSupport
import Testing

@Suite("Resolved values in the command-line tools, end to end", .tags(.slow), .skippedWhenFast)
struct ValuesCLITests {
    static let shippedModel = CLIRunner.repositoryRoot.appendingPathComponent("models/atis-en").path

    @Test("tagger tag --reference-date gives slots their value and the record its value groups")
    func tagJSONL() throws {
        let input = "show me flights from boston to denver after 5 pm on november 2nd\n"
        let result = try CLIRunner.run("tagger", ["tag", "--model", Self.shippedModel, "--reference-date", "2026-10-28"],
                                       input: Array(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let slots = try #require(record["slots"] as? [[String: Any]])
        let day = try #require(slots.first { $0["label"] as? String == "depart_date.day_number" })
        let dayValue = try #require(day["value"] as? [String: Any])
        #expect(dayValue["type"] as? String == "date")
        #expect(dayValue["value"] as? String == "2026-11-02")
        let city = try #require(slots.first { $0["label"] as? String == "fromloc.city_name" })
        #expect(city["value"] == nil)
        let groups = try #require(record["values"] as? [[String: Any]])
        #expect(groups.compactMap { $0["name"] as? String } == ["depart_time", "depart_date"])
        let time = try #require(groups.first?["value"] as? [String: Any])
        #expect(time["value"] as? String == "17:00")
        #expect(time["relation"] as? String == "after")
    }

    @Test("Without a reference date, 'tomorrow' is tomorrow in the given time zone")
    func timeZone() throws {
        let input = Array("i want to fly from boston to denver tomorrow\n".utf8)
        // Offsets, and zone names of the system's database without daylight saving time (Etc/GMT+12 is UTC−12).
        let zones = [("+14:00", 14 * 3600), ("UTC-12:00", -12 * 3600), ("Pacific/Kiritimati", 14 * 3600), ("Etc/GMT+12", -12 * 3600)]
        for (zone, offset) in zones {
            let result = try CLIRunner.run("tagger", ["tag", "--model", Self.shippedModel, "--time-zone", zone], input: input)
            #expect(result.status == 0)
            let local = ReferenceTime(unixTime: Int(Date().timeIntervalSince1970), utcOffsetSeconds: offset)
            #expect(result.stdout.contains("\"value\": \"\(local.date.adding(days: 1))\""), "\(zone): \(result.stdout)")
        }
    }

    @Test("A malformed reference date or time zone is a usage error on one line", arguments: [
        ["--reference-date", "2026-02-30"], ["--reference-date", "tomorrow"], ["--time-zone", "Mars/Olympus"],
        ["--time-zone", "../../etc/passwd"], ["--time-zone", "Europe/Paris/"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try CLIRunner.run("tagger", ["tag", "--model", Self.shippedModel] + arguments, input: Array("hello\n".utf8))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(arguments[0]))
    }

    @Test("tagger values lists the gold slots' values and reports the coverage")
    func valuesCommand() throws {
        let corpus = """
            # intent = atis_flight
            flights\tO
            after\tB-depart_time.time_relative
            5\tB-depart_time.time
            pm\tI-depart_time.time
            on\tO
            february\tB-depart_date.month_name
            thirtieth\tB-depart_date.day_number
            to\tO
            boston\tB-toloc.city_name

            """
        let file = try CLIRunner.temporaryFile(Array(corpus.utf8), name: "gold.conll")
        let result = try CLIRunner.run("tagger", ["values", "--reference-date", "2026-11-27", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            1\tdepart_time.time_relative\tafter\tdepart_time\ttime 17:00 relation=after
            1\tdepart_time.time\t5 pm\tdepart_time\ttime 17:00 relation=after
            1\tdepart_date.month_name\tfebruary\t-\tnone
            1\tdepart_date.day_number\tthirtieth\t-\tnone

            """)
        #expect(result.stderr.contains("date: 0 of 2 slots have a value (0.0%)"))
        #expect(result.stderr.contains("time: 1 of 1 slots have a value (100.0%)"))
        #expect(result.stderr.contains("relations and modifiers (joined to a value): 1 of 1"))
    }

    @Test("trainer --synonyms stores the table; a malformed or missing table stops before training")
    func trainerSynonyms() throws {
        let corpus = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("corpora/atis/train.conll"), encoding: .utf8)
        let train = try CLIRunner.temporaryFile(Array((corpus.components(separatedBy: "\n\n").prefix(20).joined(separator: "\n\n") + "\n\n").utf8), name: "train.conll")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synonyms-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let arguments = ["--train", train, "--dev", train, "--output", output, "--max-epochs", "1", "--hidden-size", "8",
                         "--word-dimension", "8", "--char-dimension", "4", "--char-hidden-size", "4", "--seed", "1"]

        let bad = try CLIRunner.temporaryFile(Array("NYC,New York\nLA\n".utf8), name: "bad.csv")
        let malformed = try CLIRunner.run("trainer", arguments + ["--synonyms", bad])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("bad.csv: synonym table line 2"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let missing = try CLIRunner.run("trainer", arguments + ["--synonyms", "/nonexistent/cities.json"])
        #expect(missing.status == 66)

        let table = try CLIRunner.temporaryFile(Array(#"{"New York": ["NYC", "new york city"]}"#.utf8), name: "cities.json")
        let trained = try CLIRunner.run("trainer", arguments + ["--synonyms", table])
        #expect(trained.status == 0, "\(trained.stderr)")
        let config = try String(contentsOfFile: output + "/config.json", encoding: .utf8)
        #expect(config.contains("\"nyc\""))
        #expect(config.contains("New York"))
    }
}
