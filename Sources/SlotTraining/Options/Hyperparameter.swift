/// One training option, declared once: its key in JSON (`config.json`'s
/// `hyperparameters` and `trainer --config` files), its command-line name, its
/// help sentence and where it lives in ``TrainingOptions``. The command line,
/// the help text with its defaults, the JSON config and the printed summary
/// all come from ``TrainingOptions/hyperparameters``.
package struct Hyperparameter {
    /// The section of `trainer --help` that lists the option.
    package enum Group: String, CaseIterable, Sendable {
        case architecture = "Architecture"
        case optimisation = "Optimisation and schedule"
        case regularisation = "Regularisation and augmentation"
        case features = "Words and features"
        case run = "Run"
    }

    /// How the option appears on the command line.
    package enum Form {
        /// `--name VALUE` (or `--name=VALUE`).
        case value
        /// `--name` alone, setting a `Bool` to the given value.
        case flag(sets: Bool)
    }

    /// The key in JSON: a name, or `architecture.NAME` for architecture values.
    package let key: String
    /// The command-line name without its dashes, e.g. `hidden-size`.
    package let option: String
    /// The help section.
    package let group: Group
    /// The help sentence, ending with a period, without the default.
    package let help: String
    /// Value or flag.
    package let form: Form
    /// What a value looks like (`an integer`, `adam, sgd or rmsprop`).
    package let kind: String
    /// Parses command-line text into the options; false when the text is not a value of the right type.
    package let parse: (inout TrainingOptions, String) -> Bool
    /// Reads a JSON scalar into the options; false when it has the wrong type.
    package let decode: (inout TrainingOptions, JSONScalar) -> Bool
    /// The current value as text.
    package let text: (TrainingOptions) -> String

    /// An option that takes a value.
    static func value<Value: OptionValue>(
        _ keyPath: WritableKeyPath<TrainingOptions, Value>, key: String, option: String, _ group: Group, _ help: String
    ) -> Hyperparameter {
        Hyperparameter(
            key: key, option: option, group: group, help: help, form: .value, kind: Value.optionKind,
            parse: { options, text in
                guard let value = Value(optionText: text) else { return false }
                options[keyPath: keyPath] = value
                return true
            },
            decode: { options, json in
                guard let value = Value(json: json) else { return false }
                options[keyPath: keyPath] = value
                return true
            },
            text: { $0[keyPath: keyPath].optionText })
    }

    /// A flag that sets a `Bool` value; in JSON the value itself is given.
    static func flag(
        _ keyPath: WritableKeyPath<TrainingOptions, Bool>, sets value: Bool, key: String, option: String,
        _ group: Group, _ help: String
    ) -> Hyperparameter {
        Hyperparameter(
            key: key, option: option, group: group, help: help, form: .flag(sets: value), kind: Bool.optionKind,
            parse: { options, _ in
                options[keyPath: keyPath] = value
                return true
            },
            decode: { options, json in
                guard let value = Bool(json: json) else { return false }
                options[keyPath: keyPath] = value
                return true
            },
            text: { $0[keyPath: keyPath].optionText })
    }

    /// The help line's text: the sentence, the accepted values for choices and
    /// the default (from ``TrainingOptions/init()``).
    package var helpText: String {
        switch form {
        case .flag: return help
        case .value:
            let defaultText = text(TrainingOptions())
            let choices = kind.contains(" or ") && !kind.hasPrefix("true") ? " One of \(kind)." : ""
            return help + choices + (defaultText == "none" ? "" : " Default: \(defaultText).")
        }
    }
}
