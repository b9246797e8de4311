/// The training options given on the command line, parsed with the one
/// declaration of every option (``TrainingOptions/hyperparameters``): argument
/// parser passes them through unparsed, ``TrainingJob`` takes them as they are; this reads `--name VALUE`,
/// `--name=VALUE` and flags.
package struct HyperparameterArguments {
    /// The arguments as given, in order.
    package let arguments: [String]

    /// Keeps the arguments to apply.
    package init(arguments: [String]) {
        self.arguments = arguments
    }

    /// Applies the options to `options`, in order (a repeated option keeps its last value).
    ///
    /// - Returns: the JSON keys of the options given.
    /// - Throws: ``TrainingError/invalidOption(option:detail:)`` for an unknown option, a
    ///   missing value or a value of the wrong type.
    package func apply(to options: inout TrainingOptions) throws(TrainingError) -> Set<String> {
        let table = Dictionary(TrainingOptions.hyperparameters.map { ($0.option, $0) }, uniquingKeysWith: { first, _ in first })
        var given = Set<String>()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                throw .invalidOption(option: argument, detail: "unexpected argument")
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard let option = table[name] else {
                throw .invalidOption(option: "--\(name)", detail: "unknown option")
            }
            switch option.form {
            case .flag:
                guard inline == nil else { throw .invalidOption(option: "--\(name)", detail: "takes no value") }
                _ = option.parse(&options, "")
            case .value:
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < arguments.count else { throw .invalidOption(option: "--\(name)", detail: "missing value") }
                    value = arguments[index]
                    index += 1
                }
                guard option.parse(&options, value) else {
                    throw .invalidOption(option: "--\(name)", detail: "'\(value)' is not \(option.kind)")
                }
            }
            given.insert(option.key)
        }
        return given
    }

    /// The help text listing every option by group, with its default.
    package static var helpText: String {
        var lines: [String] = []
        for group in Hyperparameter.Group.allCases {
            let options = TrainingOptions.hyperparameters.filter { $0.group == group }
            guard !options.isEmpty else { continue }
            lines.append("\(group.rawValue.uppercased()):")
            for option in options {
                let usage: String = switch option.form {
                case .flag: "--\(option.option)"
                case .value: "--\(option.option) <\(Self.valueName(option.kind))>"
                }
                lines.append("  " + usage)
                lines.append("        " + option.helpText)
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func valueName(_ kind: String) -> String {
        switch kind {
        case "an integer", "a non-negative integer": "n"
        case "a number": "x"
        case "text": "file"
        default: "choice"
        }
    }
}
