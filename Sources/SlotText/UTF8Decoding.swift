/// Decoding of one scalar from valid UTF-8.
enum UTF8Decoding {
    /// The scalar value that starts at `offset` with the non-ASCII byte
    /// `lead`, and its length in bytes (2, 3 or 4).
    ///
    /// `bytes` must be valid UTF-8 (as a `String`'s bytes always are).
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, lead: UInt8) -> (value: UInt32, length: Int) {
        if lead < 0xE0 {
            let value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F)
            return (value, 2)
        }
        if lead < 0xF0 {
            let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6
                | UInt32(bytes[offset + 2] & 0x3F)
            return (value, 3)
        }
        let value = UInt32(lead & 0x07) << 18 | UInt32(bytes[offset + 1] & 0x3F) << 12
            | UInt32(bytes[offset + 2] & 0x3F) << 6 | UInt32(bytes[offset + 3] & 0x3F)
        return (value, 4)
    }
}
