import ArgumentParser
import SlotTagger

/// `--fallback` and `--fallback-threshold`: answer the reserved intent
/// `nlu_fallback` when the model's best intent is not probable enough. Shared
/// by `tagger tag` and `tagger-server`.
public struct FallbackOptions: ParsableArguments {
    @Flag(help: "Answer the intent nlu_fallback when the best intent's probability is below the threshold chosen on the dev splits (\(IntentFallback.defaultThreshold)).")
    var fallback = false

    @Option(name: .customLong("fallback-threshold"), help: ArgumentHelp("Answer the intent nlu_fallback when the best intent's probability is below this value (implies --fallback).", valueName: "p"))
    var fallbackThreshold: Float?

    /// Creates the options with their defaults (no fallback).
    public init() {}

    /// Checks that the threshold is a probability.
    public func validate() throws {
        if let fallbackThreshold, !(0...1).contains(fallbackThreshold) {
            throw ValidationError("--fallback-threshold must be a probability between 0 and 1.")
        }
    }

    /// The fallback rule the options ask for, or `nil` for none.
    public var intentFallback: IntentFallback? {
        (fallbackThreshold ?? (fallback ? IntentFallback.defaultThreshold : nil)).map { IntentFallback(threshold: $0) }
    }
}
