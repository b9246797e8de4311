import CICU

/// Names of ICU error codes, for precondition messages.
enum ICUError {
    /// ICU's name for `code`, such as `U_MEMORY_ALLOCATION_ERROR`.
    static func name(of code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            Int(cicu_error_name(code, pointer.baseAddress, Int32(pointer.count)))
        }
        return String(decoding: buffer.prefix(min(length, buffer.count - 1)), as: UTF8.self)
    }
}
