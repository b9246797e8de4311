import CICU

/// A scoped ICU break iterator over the UTF-8 bytes of one text.
///
/// Each call opens its own iterator (a cheap clone of a per-process template
/// held by CICU) and closes it before returning, so no mutable ICU state is
/// ever shared between threads.
enum ICUBreakIterator {
    /// The kind of boundary to find.
    enum Kind: Int32 {
        case word = 0
        case character = 1
    }

    /// Calls `body` once per segment of `bytes`, in order, with the segment's
    /// end offset (UTF-8 bytes) and ICU's rule status for it.
    ///
    /// - Parameters:
    ///   - kind: Word or character (grapheme cluster) boundaries.
    ///   - bytes: Valid UTF-8; fewer than 2³¹ bytes.
    ///   - body: Receives `(end, ruleStatus)` for each segment.
    static func forEachSegment(
        _ kind: Kind,
        in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ end: Int, _ ruleStatus: Int32) -> Void
    ) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(bytes.count <= Int(Int32.max), "ICU cannot segment a text of 2 GiB or more")
        var error: Int32 = 0
        let iterator = cicu_break_open(kind.rawValue, base, Int32(bytes.count), &error)
        guard let iterator, error <= 0 else {
            preconditionFailure("ICU could not open a \(kind) break iterator: \(ICUError.name(of: error)); check the ICU installation (libicu data)")
        }
        defer { cicu_break_close(iterator) }
        var status: Int32 = 0
        while true {
            let end = cicu_break_next(iterator, &status)
            if end < 0 { break }
            body(Int(end), status)
        }
    }
}
