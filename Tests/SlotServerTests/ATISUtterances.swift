import Foundation

/// Utterances of the ATIS test set (`corpora/atis/test.conll`), their tokens
/// joined by spaces.
enum ATISUtterances {
    /// The first `count` test utterances.
    static func first(_ count: Int) throws -> [String] {
        let corpus = try String(contentsOf: TestServer.repositoryRoot.appendingPathComponent("corpora/atis/test.conll"), encoding: .utf8)
        return corpus.components(separatedBy: "\n\n").prefix(count).map { sentence in
            sentence.split(separator: "\n").filter { !$0.hasPrefix("# ") }
                .map { $0.split(separator: "\t")[0] }.joined(separator: " ")
        }
    }
}
