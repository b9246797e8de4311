import Foundation
import Testing

package extension Tag {
    /// Tests that take more than a few seconds: a package build, a training run, a shipped model over a
    /// whole corpus, thousands of concurrent calls.
    @Tag static var slow: Self
}

package extension Trait where Self == ConditionTrait {
    /// Runs the test unless `SLOT_TAGGER_SKIP_SLOW` is set, which is how `make test-fast` leaves out
    /// the tests tagged ``Testing/Tag/slow`` (Swift Testing's `--filter` and `--skip` match names,
    /// not tags). CI runs every test.
    static var skippedWhenFast: Self {
        .enabled(if: ProcessInfo.processInfo.environment["SLOT_TAGGER_SKIP_SLOW"] == nil, "a slow test; make test-fast skips it")
    }
}
