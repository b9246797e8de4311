import SlotLayers
import SlotModel
import SlotText

/// A value a hyperparameter can hold: read from command-line text and from a
/// JSON scalar, and shown as text in help, summaries and provenance.
package protocol OptionValue {
    /// Reads the value from command-line text; `nil` when the text is not one.
    init?(optionText: String)
    /// Reads the value from a JSON scalar; `nil` when the scalar has another type.
    init?(json: JSONScalar)
    /// The value as shown in the summary (`5.0`, `adam`, `none`).
    var optionText: String { get }
    /// What a value looks like, for help and error messages (`integer`, `adam, sgd or rmsprop`).
    static var optionKind: String { get }
}

/// A JSON value that is not an array or an object, with integers kept exact.
package enum JSONScalar: Decodable, Sendable {
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case null

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(UInt64.self) { self = .unsigned(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else { self = .string(try container.decode(String.self)) }
    }

    /// The scalar as a number, when it is one.
    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .unsigned(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}

extension Int: OptionValue {
    package init?(optionText: String) { self.init(optionText) }
    package init?(json: JSONScalar) {
        switch json {
        case .integer(let value): guard let exact = Int(exactly: value) else { return nil }; self = exact
        case .unsigned(let value): guard let exact = Int(exactly: value) else { return nil }; self = exact
        default: return nil
        }
    }
    package var optionText: String { "\(self)" }
    package static var optionKind: String { "an integer" }
}

extension UInt64: OptionValue {
    package init?(optionText: String) { self.init(optionText) }
    package init?(json: JSONScalar) {
        switch json {
        case .integer(let value): guard let exact = UInt64(exactly: value) else { return nil }; self = exact
        case .unsigned(let value): self = value
        default: return nil
        }
    }
    package var optionText: String { "\(self)" }
    package static var optionKind: String { "a non-negative integer" }
}

extension Float: OptionValue {
    package init?(optionText: String) { self.init(optionText) }
    package init?(json: JSONScalar) {
        guard let number = json.number else { return nil }
        self = Float(number)
    }
    package var optionText: String { "\(self)" }
    package static var optionKind: String { "a number" }
}

extension Double: OptionValue {
    package init?(optionText: String) { self.init(optionText) }
    package init?(json: JSONScalar) {
        guard let number = json.number else { return nil }
        self = number
    }
    package var optionText: String { "\(self)" }
    package static var optionKind: String { "a number" }
}

extension Bool: OptionValue {
    package init?(optionText: String) { self.init(optionText) }
    package init?(json: JSONScalar) {
        guard case .bool(let value) = json else { return nil }
        self = value
    }
    package var optionText: String { "\(self)" }
    package static var optionKind: String { "true or false" }
}

extension String: OptionValue {
    package init?(optionText: String) { self = optionText }
    package init?(json: JSONScalar) {
        guard case .string(let value) = json else { return nil }
        self = value
    }
    package var optionText: String { self }
    package static var optionKind: String { "text" }
}

extension Optional: OptionValue where Wrapped: OptionValue {
    package init?(optionText: String) {
        guard let value = Wrapped(optionText: optionText) else { return nil }
        self = .some(value)
    }
    package init?(json: JSONScalar) {
        if case .null = json { self = .none; return }
        guard let value = Wrapped(json: json) else { return nil }
        self = .some(value)
    }
    package var optionText: String { map(\.optionText) ?? "none" }
    package static var optionKind: String { Wrapped.optionKind }
}

/// Choices read by their raw names.
package protocol ChoiceOptionValue: OptionValue, RawRepresentable<String>, CaseIterable {}

extension ChoiceOptionValue {
    package init?(optionText: String) { self.init(rawValue: optionText) }
    package init?(json: JSONScalar) {
        guard case .string(let value) = json else { return nil }
        self.init(rawValue: value)
    }
    package var optionText: String { rawValue }
    package static var optionKind: String {
        let names = allCases.map(\.rawValue)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

extension TrainingOptions.OptimizerName: ChoiceOptionValue {}
extension ModelSelection: ChoiceOptionValue {}
extension Architecture.Cell: ChoiceOptionValue {}
extension Architecture.Output: ChoiceOptionValue {}
extension Architecture.CharacterEncoding: ChoiceOptionValue {}
extension IntentPooling: ChoiceOptionValue {}
extension Architecture.PretrainedInput: ChoiceOptionValue {}
extension Architecture.BigramContext: ChoiceOptionValue {}
extension Tokenizer.Mode: ChoiceOptionValue {}
