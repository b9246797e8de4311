#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A named time zone of the IANA database (`Europe/Paris`,
/// `America/New_York`) as the system stores it: the compiled TZif files
/// (RFC 8536) under `/usr/share/zoneinfo` (or `$TZDIR`), read without
/// Foundation. It gives the zone's UTC offset at any moment, daylight saving
/// time included.
///
/// Moments after the file's last transition keep the offset that transition
/// set. Debian's files list transitions up to 2037, so offsets are exact until
/// then; beyond it a zone with daylight saving time keeps its last (winter)
/// offset all year.
public struct TimeZoneRules: Hashable, Sendable {
    /// The zone's name, as given.
    public let name: String
    /// The moments (seconds since 1970-01-01T00:00:00Z) at which the offset changes, rising.
    private let transitions: [Int]
    /// The offset from each transition on, seconds east of UTC.
    private let offsets: [Int]
    /// The offset before the first transition.
    private let initialOffset: Int

    /// The directory the zone files are read from: `$TZDIR`, or `/usr/share/zoneinfo`.
    public static var directory: String {
        getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
    }

    /// Reads the zone `name` from `directory`.
    ///
    /// - Parameters:
    ///   - name: an IANA zone name: letters, digits, `_`, `-`, `+` and `/`
    ///     between its parts (no `..`, not a path of its own).
    ///   - directory: where the compiled zone files are (default ``directory``).
    /// - Returns: the zone, or `nil` when the name is not such a name, no file
    ///   holds it, or the file is not a valid TZif file.
    public init?(named name: String, directory: String = TimeZoneRules.directory) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber || "_-+".contains(character))
        }
        guard !name.isEmpty, name.count <= 64, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.allSatisfy(allowed) }),
              let bytes = Self.readFile(directory + "/" + name),
              let parsed = Self.parse(bytes) else { return nil }
        self.name = name
        transitions = parsed.transitions
        offsets = parsed.offsets
        initialOffset = parsed.initialOffset
    }

    /// The zone's offset from UTC at `unixTime`, in seconds east of UTC.
    public func utcOffset(at unixTime: Int) -> Int {
        // The last transition at or before the moment (binary search).
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= unixTime { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }

    /// The offset at the moment whose local time is `localSeconds` (seconds
    /// since 1970-01-01T00:00 on the zone's clock). A local time that the
    /// clock skips (spring forward) takes the offset after the change; one it
    /// shows twice (fall back), the offset before.
    public func utcOffset(atLocal localSeconds: Int) -> Int {
        // The offsets a day either side; an offset fits when the moment it gives has that offset.
        let earlier = utcOffset(at: localSeconds - 86_400), later = utcOffset(at: localSeconds + 86_400)
        if utcOffset(at: localSeconds - earlier) == earlier { return earlier }
        return later
    }

    /// The file's bytes, or `nil` when it cannot be read or is larger than any zone file (1 MB).
    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0 ..< count]
            guard bytes.count <= 1 << 20 else { return nil }
        }
        return ferror(file) == 0 ? bytes : nil
    }

    /// The transitions of a TZif file: the 64-bit block of version 2 and
    /// later files, the 32-bit block of version 1 files.
    private static func parse(_ bytes: [UInt8]) -> (transitions: [Int], offsets: [Int], initialOffset: Int)? {
        var reader = BigEndianReader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        var header = first
        var timeSize = 4
        if first.version >= 2 {
            // Skip the 32-bit block: its times are repeated with 64 bits after a second header.
            guard reader.skip(first.blockSize(timeSize: 4)), let second = reader.header() else { return nil }
            header = second
            timeSize = 8
        }
        guard header.typeCount > 0 else { return nil }
        var transitions: [Int] = []
        for _ in 0..<header.transitionCount {
            guard let time = reader.signed(size: timeSize) else { return nil }
            transitions.append(time)
        }
        var typeIndices: [Int] = []
        for _ in 0..<header.transitionCount {
            guard let index = reader.signed(size: 1), index < header.typeCount else { return nil }
            typeIndices.append(index)
        }
        var typeOffsets: [Int] = [], daylight: [Bool] = []
        for _ in 0..<header.typeCount {
            guard let offset = reader.signed(size: 4), let isDaylight = reader.signed(size: 1), reader.skip(1),
                  abs(offset) <= 26 * 3600 else { return nil }
            typeOffsets.append(offset)
            daylight.append(isDaylight != 0)
        }
        guard zip(transitions, transitions.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        // RFC 8536: before the first transition, the first standard-time type (type 0 when none).
        let initial = daylight.firstIndex(of: false) ?? 0
        return (transitions, typeIndices.map { typeOffsets[$0] }, typeOffsets[initial])
    }
}

/// A TZif file's header: its version and the sizes of its data block.
private struct TZifHeader {
    let version: Int
    let utIndicatorCount: Int, standardIndicatorCount: Int, leapCount: Int
    let transitionCount: Int, typeCount: Int, characterCount: Int

    /// The size of the data block after the header, for times of `timeSize` bytes.
    func blockSize(timeSize: Int) -> Int {
        transitionCount * (timeSize + 1) + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
            + standardIndicatorCount + utIndicatorCount
    }
}

/// Reads big-endian integers from bytes, failing past their end.
private struct BigEndianReader {
    let bytes: [UInt8]
    var position = 0

    /// A TZif header (44 bytes), or `nil` when the magic or a count is wrong.
    mutating func header() -> TZifHeader? {
        guard position + 44 <= bytes.count, bytes[position ..< position + 4].elementsEqual("TZif".utf8) else { return nil }
        let versionByte = bytes[position + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
        guard (1...9).contains(version) else { return nil }
        position += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = signed(size: 4), (0...100_000).contains(count) else { return nil }
            counts.append(count)
        }
        return TZifHeader(
            version: version, utIndicatorCount: counts[0], standardIndicatorCount: counts[1], leapCount: counts[2],
            transitionCount: counts[3], typeCount: counts[4], characterCount: counts[5])
    }

    /// The next `size`-byte signed integer (1, 4 or 8 bytes; 1 is read unsigned).
    mutating func signed(size: Int) -> Int? {
        guard position + size <= bytes.count else { return nil }
        var value: UInt64 = 0
        for byte in bytes[position ..< position + size] { value = value << 8 | UInt64(byte) }
        position += size
        switch size {
        case 1: return Int(value)
        case 4: return Int(Int32(bitPattern: UInt32(value)))
        default: return Int(Int64(bitPattern: value))
        }
    }

    /// Skips `count` bytes; `false` when fewer are left.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }
}
