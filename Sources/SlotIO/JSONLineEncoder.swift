/// Encodes `Encodable` values as one line of JSON, keys in the order the
/// value's `encode(to:)` writes them: the one JSON writer of the toolkit.
///
/// ```swift
/// try JSONLineEncoder().encode(result)
/// // {"text": "leave Beijing", "tokens": [{"text": "leave", "start": 0, …}], …}
/// ```
///
/// Foundation's `JSONEncoder` orders keys by hash on Linux (or alphabetically
/// with `.sortedKeys`), and it builds a tree before writing; the tagger's
/// records have a documented key order and are written by the hundred
/// thousand, so this encoder writes straight into one string, with `", "`
/// between members and `": "` after keys, as the JSONL contract shows.
///
/// Containers are written in the order they are used, which is what every
/// synthesized and hand-written `encode(to:)` does: a container is closed when
/// its parent writes its next member, or at the end.
///
/// Non-finite floating-point numbers cannot be JSON: encoding one throws
/// `EncodingError.invalidValue`, so no record ever holds `nan`.
package struct JSONLineEncoder: Sendable {
    /// Creates an encoder.
    package init() {}

    /// The value as JSON text, without a line break.
    ///
    /// - Parameter value: the value to encode.
    /// - Returns: the JSON text.
    /// - Throws: `EncodingError.invalidValue` for a NaN or an infinity.
    package func encode(_ value: some Encodable) throws -> String {
        let sink = JSONSink()
        try value.encode(to: JSONValueEncoder(sink: sink, depth: 0))
        sink.close(downTo: 0)
        if sink.bytes.isEmpty { sink.write("{}") }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The UTF-8 bytes being written, the containers still open and the key of
/// the member being written in each.
///
/// Values are written depth first, one at a time, so the keys of the open
/// containers are the coding path of the value being written: it is read from
/// here when an error needs it, not built for every member. Bytes, not a
/// `String`: appending to an array of bytes costs a fraction of appending to
/// a string, and records are written by the hundred thousand. (The
/// properties are only ever used by one encoding on one thread:
/// `@exclusivity(unchecked)` spares a runtime check on every append.)
final class JSONSink {
    /// One open object or array: its closing bracket and how many members it has so far.
    struct Frame {
        let closer: UInt8
        var count: Int
    }

    @exclusivity(unchecked) var bytes: [UInt8]
    @exclusivity(unchecked) var open: [Frame] = []
    /// The key of the member being written in each open container (`nil` in an array).
    @exclusivity(unchecked) var keys: [(any CodingKey)?] = []

    init() {
        bytes = []
        bytes.reserveCapacity(2_048)
    }

    /// Appends `text`'s UTF-8.
    func write(_ text: some StringProtocol) {
        bytes.append(contentsOf: text.utf8)
    }

    /// The coding path of a value at `depth`: the keys of the containers around it.
    func codingPath(depth: Int) -> [any CodingKey] {
        keys.prefix(depth).compactMap { $0 }
    }

    /// Records that the member being written in the container at `level` has `key`.
    func setKey(_ key: (any CodingKey)?, at level: Int) {
        if keys.count <= level { keys.append(contentsOf: repeatElement(nil, count: level + 1 - keys.count)) }
        keys[level] = key
    }

    /// Closes every container at index `depth` and deeper.
    func close(downTo depth: Int) {
        while open.count > depth {
            bytes.append(open.removeLast().closer)
        }
    }

    /// Starts a member of the container at `level`: closes what is open
    /// inside it and writes the separator.
    func beginMember(of level: Int) {
        close(downTo: level + 1)
        if open[level].count > 0 { write(", ") }
        open[level].count += 1
    }

    /// Opens a container for a value at `depth`, or reuses the one the same
    /// value already opened (a second `container(keyedBy:)` call).
    func openContainer(at depth: Int, opener: UInt8, closer: UInt8) {
        if open.count > depth {
            close(downTo: depth + 1)
            return
        }
        bytes.append(opener)
        open.append(Frame(closer: closer, count: 0))
    }

    func writeString(_ value: some StringProtocol) {
        JSONEscaping.appendQuoted(value, to: &bytes)
    }

    func writeNumber<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Number, depth: Int) throws {
        guard let literal = JSONWriter.numberLiteral(value) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath(depth: depth), debugDescription: "\(value) is not a JSON number"))
        }
        write(literal)
    }
}

/// The encoder handed to one value's `encode(to:)`.
struct JSONValueEncoder: Encoder {
    let sink: JSONSink
    /// The index the value's container takes in the sink's stack.
    let depth: Int
    var codingPath: [any CodingKey] { sink.codingPath(depth: depth) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.openContainer(at: depth, opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(sink: sink, level: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.openContainer(at: depth, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
        return JSONUnkeyedContainer(sink: sink, level: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(sink: sink, depth: depth)
    }
}

/// Writes one value at `depth`: a primitive directly, anything else through its `encode(to:)`.
struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    let depth: Int
    var codingPath: [any CodingKey] { sink.codingPath(depth: depth) }

    private func prepare() { sink.close(downTo: depth) }

    mutating func encodeNil() throws { prepare(); sink.write("null") }
    mutating func encode(_ value: Bool) throws { prepare(); sink.write(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { prepare(); sink.writeString(value) }
    mutating func encode(_ value: Double) throws { prepare(); try sink.writeNumber(value, depth: depth) }
    mutating func encode(_ value: Float) throws { prepare(); try sink.writeNumber(value, depth: depth) }
    mutating func encode(_ value: Int) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: Int8) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: Int16) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: Int32) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: Int64) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: UInt) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: UInt8) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: UInt16) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: UInt32) throws { prepare(); sink.write(value.description) }
    mutating func encode(_ value: UInt64) throws { prepare(); sink.write(value.description) }

    mutating func encode(_ value: some Encodable) throws {
        prepare()
        let before = sink.bytes.count
        try value.encode(to: JSONValueEncoder(sink: sink, depth: depth))
        if sink.bytes.count == before { sink.write("{}") }
    }
}

/// The members of one object.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    /// The object's index in the sink's stack.
    let level: Int
    var codingPath: [any CodingKey] { sink.codingPath(depth: level) }

    private func member(_ key: Key) -> JSONSingleValueContainer {
        sink.beginMember(of: level)
        sink.setKey(key, at: level)
        sink.writeString(key.stringValue)
        sink.write(": ")
        return JSONSingleValueContainer(sink: sink, depth: level + 1)
    }

    mutating func encodeNil(forKey key: Key) throws { var value = member(key); try value.encodeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { var member = member(key); try member.encode(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { var member = member(key); try member.encode(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { var member = member(key); try member.encode(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { var member = member(key); try member.encode(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { var member = member(key); try member.encode(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { var member = member(key); try member.encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let member = member(key)
        return JSONValueEncoder(sink: sink, depth: member.depth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let member = member(key)
        return JSONValueEncoder(sink: sink, depth: member.depth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let member = member(Key(stringValue: "super") ?? Key(intValue: 0)!)
        return JSONValueEncoder(sink: sink, depth: member.depth)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let member = member(key)
        return JSONValueEncoder(sink: sink, depth: member.depth)
    }
}

/// The elements of one array.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    /// The array's index in the sink's stack.
    let level: Int
    var codingPath: [any CodingKey] { sink.codingPath(depth: level) }
    var count: Int { sink.open.count > level ? sink.open[level].count : 0 }

    private func element() -> JSONSingleValueContainer {
        sink.beginMember(of: level)
        sink.setKey(nil, at: level)
        return JSONSingleValueContainer(sink: sink, depth: level + 1)
    }

    mutating func encodeNil() throws { var element = element(); try element.encodeNil() }
    mutating func encode(_ value: String) throws { var element = element(); try element.encode(value) }
    mutating func encode(_ value: Double) throws { var element = element(); try element.encode(value) }
    mutating func encode(_ value: Float) throws { var element = element(); try element.encode(value) }
    mutating func encode(_ value: Int) throws { var element = element(); try element.encode(value) }
    mutating func encode(_ value: Bool) throws { var element = element(); try element.encode(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { var element = element(); try element.encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let element = element()
        return JSONValueEncoder(sink: sink, depth: element.depth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let element = element()
        return JSONValueEncoder(sink: sink, depth: element.depth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let element = element()
        return JSONValueEncoder(sink: sink, depth: element.depth)
    }
}
