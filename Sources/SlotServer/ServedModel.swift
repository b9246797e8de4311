import FoundationEssentials
import SlotTagger

/// One loaded model as the server holds it: an immutable ``Tagger`` with its
/// name and where it came from. A reload makes a new value; requests that
/// already hold the old one finish on it.
package struct ServedModel: Sendable {
    /// The name clients choose it by: the last component of its directory.
    package let name: String
    /// The bundle directory it was loaded from (and is reloaded from).
    package let directory: String
    /// The tagger.
    package let tagger: Tagger
    /// How many times it was reloaded since the server started (0 at start).
    package fileprivate(set) var generation: Int
    /// When it was loaded.
    package let loadedAt: Date

    /// Loads the bundle in `directory` under the name `name`.
    ///
    /// - Parameters:
    ///   - name: the name clients choose it by.
    ///   - directory: the bundle directory.
    ///   - intentFallback: the tagger's fallback rule (`--fallback`), kept
    ///     across reloads.
    /// - Throws: the library's bundle and model errors.
    package init(name: String, directory: String, intentFallback: IntentFallback? = nil) throws {
        self.name = name
        self.directory = directory
        var tagger = try Tagger(contentsOf: directory)
        tagger.intentFallback = intentFallback
        self.tagger = tagger
        generation = 0
        loadedAt = Date()
    }

    /// Loads the bundle in `directory`, named after its last path component.
    package init(directory: String, intentFallback: IntentFallback? = nil) throws {
        try self.init(name: Self.name(forDirectory: directory), directory: directory, intentFallback: intentFallback)
    }

    /// The model name for a bundle directory: its last path component
    /// (`models/snips-en/` → `snips-en`).
    package static func name(forDirectory directory: String) -> String {
        directory.split(separator: "/").last.map(String.init) ?? directory
    }

    /// This model as the successor of `previous`: one generation later.
    func succeeding(_ previous: ServedModel) -> ServedModel {
        var model = self
        model.generation = previous.generation + 1
        return model
    }
}
