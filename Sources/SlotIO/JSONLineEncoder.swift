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
        try value.encode(to: JSONValueEncoder(sink: sink, depth: 0, codingPath: []))
        sink.close(downTo: 0)
        if sink.text.isEmpty { sink.text = "{}" }
        return sink.text
    }
}

/// The text being written and the containers still open.
final class JSONSink {
    /// One open object or array: its closing bracket and how many members it has so far.
    struct Frame {
        let closer: String
        var count: Int
    }

    var text = ""
    var open: [Frame] = []

    /// Closes every container at index `depth` and deeper.
    func close(downTo depth: Int) {
        while open.count > depth {
            text += open.removeLast().closer
        }
    }

    /// Starts a member of the container at `level`: closes what is open
    /// inside it and writes the separator.
    func beginMember(of level: Int) {
        close(downTo: level + 1)
        if open[level].count > 0 { text += ", " }
        open[level].count += 1
    }

    /// Opens a container for a value at `depth`, or reuses the one the same
    /// value already opened (a second `container(keyedBy:)` call).
    func openContainer(at depth: Int, opener: String, closer: String) {
        if open.count > depth {
            close(downTo: depth + 1)
            return
        }
        text += opener
        open.append(Frame(closer: closer, count: 0))
    }

    func writeString(_ value: some StringProtocol) {
        JSONEscaping.appendQuoted(value, to: &text)
    }

    func writeNumber<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Number, codingPath: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) is not a JSON number"))
        }
        text += value == 0 ? "0.0" : value.description
    }
}

/// The encoder handed to one value's `encode(to:)`.
struct JSONValueEncoder: Encoder {
    let sink: JSONSink
    /// The index the value's container takes in the sink's stack.
    let depth: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.openContainer(at: depth, opener: "{", closer: "}")
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(sink: sink, level: depth, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.openContainer(at: depth, opener: "[", closer: "]")
        return JSONUnkeyedContainer(sink: sink, level: depth, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(sink: sink, depth: depth, codingPath: codingPath)
    }
}

/// Writes one value at `depth`: a primitive directly, anything else through its `encode(to:)`.
struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    let depth: Int
    let codingPath: [any CodingKey]

    private func prepare() { sink.close(downTo: depth) }

    mutating func encodeNil() throws { prepare(); sink.text += "null" }
    mutating func encode(_ value: Bool) throws { prepare(); sink.text += value ? "true" : "false" }
    mutating func encode(_ value: String) throws { prepare(); sink.writeString(value) }
    mutating func encode(_ value: Double) throws { prepare(); try sink.writeNumber(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { prepare(); try sink.writeNumber(value, codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: Int8) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: Int16) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: Int32) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: Int64) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: UInt) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: UInt8) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: UInt16) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: UInt32) throws { prepare(); sink.text += value.description }
    mutating func encode(_ value: UInt64) throws { prepare(); sink.text += value.description }

    mutating func encode(_ value: some Encodable) throws {
        prepare()
        let before = sink.text.utf8.count
        try value.encode(to: JSONValueEncoder(sink: sink, depth: depth, codingPath: codingPath))
        if sink.text.utf8.count == before { sink.text += "{}" }
    }
}

/// The members of one object.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    /// The object's index in the sink's stack.
    let level: Int
    let codingPath: [any CodingKey]

    private func member(_ key: Key) -> JSONSingleValueContainer {
        sink.beginMember(of: level)
        sink.writeString(key.stringValue)
        sink.text += ": "
        return JSONSingleValueContainer(sink: sink, depth: level + 1, codingPath: codingPath + [key])
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
        return JSONValueEncoder(sink: sink, depth: member.depth, codingPath: member.codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let member = member(key)
        return JSONValueEncoder(sink: sink, depth: member.depth, codingPath: member.codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let member = member(Key(stringValue: "super") ?? Key(intValue: 0)!)
        return JSONValueEncoder(sink: sink, depth: member.depth, codingPath: member.codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let member = member(key)
        return JSONValueEncoder(sink: sink, depth: member.depth, codingPath: member.codingPath)
    }
}

/// The elements of one array.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    /// The array's index in the sink's stack.
    let level: Int
    let codingPath: [any CodingKey]
    var count: Int { sink.open.count > level ? sink.open[level].count : 0 }

    private func element() -> JSONSingleValueContainer {
        sink.beginMember(of: level)
        return JSONSingleValueContainer(sink: sink, depth: level + 1, codingPath: codingPath)
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
        return JSONValueEncoder(sink: sink, depth: element.depth, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let element = element()
        return JSONValueEncoder(sink: sink, depth: element.depth, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let element = element()
        return JSONValueEncoder(sink: sink, depth: element.depth, codingPath: codingPath)
    }
}
