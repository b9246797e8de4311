import Foundation
import SlotValues
import Testing

/// Zone files of the system's database against offsets and daylight-saving
/// changes known from the calendar, hand-made TZif files, and names that
/// must not reach the file system.
@Suite struct TimeZoneRulesTests {
    /// Seconds since 1970-01-01T00:00Z of a UTC date and time.
    private static func moment(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int {
        CivilDate(year: year, month: month, day: day)!.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60
    }

    @Test func offsetsAndDaylightSavingChangesOfRealZones() throws {
        let paris = try #require(TimeZoneRules(named: "Europe/Paris"))
        #expect(paris.utcOffset(at: Self.moment(2026, 1, 15, 12)) == 3600)
        #expect(paris.utcOffset(at: Self.moment(2026, 7, 1, 12)) == 7200)
        // Summer time in the EU: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
        #expect(paris.utcOffset(at: Self.moment(2026, 3, 29, 1) - 1) == 3600)
        #expect(paris.utcOffset(at: Self.moment(2026, 3, 29, 1)) == 7200)
        #expect(paris.utcOffset(at: Self.moment(2026, 10, 25, 1) - 1) == 7200)
        #expect(paris.utcOffset(at: Self.moment(2026, 10, 25, 1)) == 3600)
        // US daylight time: from 2:00 local on the second Sunday of March to 2:00 local on the first Sunday of November.
        let newYork = try #require(TimeZoneRules(named: "America/New_York"))
        #expect(newYork.utcOffset(at: Self.moment(2026, 3, 8, 7) - 1) == -5 * 3600)
        #expect(newYork.utcOffset(at: Self.moment(2026, 3, 8, 7)) == -4 * 3600)
        #expect(newYork.utcOffset(at: Self.moment(2026, 11, 1, 6)) == -5 * 3600)
        // The southern hemisphere has summer in January; India has no daylight time and a half-hour offset.
        let sydney = try #require(TimeZoneRules(named: "Australia/Sydney"))
        #expect(sydney.utcOffset(at: Self.moment(2026, 1, 15)) == 11 * 3600)
        #expect(sydney.utcOffset(at: Self.moment(2026, 7, 15)) == 10 * 3600)
        let kolkata = try #require(TimeZoneRules(named: "Asia/Kolkata"))
        #expect(kolkata.utcOffset(at: Self.moment(2026, 1, 15)) == 19_800)
        #expect(kolkata.utcOffset(at: Self.moment(2026, 7, 15)) == 19_800)
    }

    @Test func localTimesTakeTheOffsetOfTheirZoneIncludingSkippedAndRepeatedHours() throws {
        let paris = try #require(TimeZoneRules(named: "Europe/Paris"))
        let cases = [
            ("2026-01-15T12:00", 3600), ("2026-07-01T12:00", 7200),
            ("2026-03-29T02:30", 7200),  // skipped by the clock: the offset after the change
            ("2026-10-25T02:30", 7200),  // shown twice: the offset before the change
            ("2026-10-25T03:30", 3600),
        ]
        for (text, offset) in cases {
            let reference = try #require(ReferenceTime(parsing: text, zone: paris))
            #expect(reference.utcOffsetSeconds == offset, "\(text)")
            #expect(reference.date == ReferenceTime(parsing: text)!.date && reference.time == ReferenceTime(parsing: text)!.time)
        }
        #expect(ReferenceTime(parsing: "2026-02-30", zone: paris) == nil)
    }

    @Test(arguments: ["", "../../etc/passwd", "/etc/localtime", "Europe/../Europe/Paris", "Europe/Paris/", "Europe//Paris",
                      "Mars/Olympus_Mons", "Europe/Par is", "Europe/Pärïs", String(repeating: "A", count: 65)])
    func namesThatAreNotZonesGiveNil(name: String) {
        #expect(TimeZoneRules(named: name) == nil)
    }

    /// A version 1 TZif file with one transition at `1000` from standard time (+1 h) to daylight time (+2 h).
    private static let versionOne: [UInt8] = {
        func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
        var bytes = Array("TZif".utf8) + [0] + [UInt8](repeating: 0, count: 15)
        bytes += [0, 0, 0, 1, 2, 4].flatMap { int32($0) }  // ut, std indicators, leaps, transitions, types, chars
        bytes += int32(1000) + [0]  // the transition's time, then the type it starts
        bytes += int32(7200) + [1, 0] + int32(3600) + [0, 0]  // type 0 is daylight time: before it, the standard type 1
        bytes += Array("AB\0\0".utf8)
        return bytes
    }()

    @Test func handMadeFilesAreReadAndBrokenOnesRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tzif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("Test"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ bytes: [UInt8], as name: String) throws {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        try write(Self.versionOne, as: "Test/One")
        let one = try #require(TimeZoneRules(named: "Test/One", directory: directory.path))
        #expect(one.utcOffset(at: 999) == 3600 && one.utcOffset(at: 1000) == 7200 && one.utcOffset(at: 10_000_000) == 7200)

        let paris = try Array(Data(contentsOf: URL(fileURLWithPath: TimeZoneRules.directory + "/Europe/Paris")))
        try write(paris, as: "Test/Copy")
        #expect(TimeZoneRules(named: "Test/Copy", directory: directory.path)?.utcOffset(at: Self.moment(2026, 7, 1)) == 7200)
        for (name, bytes) in [
            ("Truncated", Array(paris.prefix(100))), ("NotTZif", Array("TZxf2".utf8) + paris.dropFirst(5)),
            ("Empty", []), ("OneTruncated", Array(Self.versionOne.dropLast(5))),
        ] {
            try write(bytes, as: "Test/" + name)
            #expect(TimeZoneRules(named: "Test/" + name, directory: directory.path) == nil, "\(name)")
        }
        #expect(TimeZoneRules(named: "Test", directory: directory.path) == nil, "a directory is not a zone")
    }
}
