import CICU

/// UTF-16 transformations done by ICU: NFKC normalisation and case folding.
enum ICUTransform {
    /// The NFKC form of `source`.
    static func nfkc(_ source: [UInt16]) -> [UInt16] {
        var error: Int32 = 0
        let alreadyNormal = source.withUnsafeBufferPointer { pointer in
            cicu_is_nfkc(pointer.baseAddress, Int32(pointer.count), &error)
        }
        if alreadyNormal == 1 { return source }
        return transform(source, named: "NFKC normalisation", cicu_normalize_nfkc)
    }

    /// The full (default) case folding of `source`, as `u_strFoldCase`.
    static func foldCase(_ source: [UInt16]) -> [UInt16] {
        transform(source, named: "case folding", cicu_fold_case)
    }

    private typealias Function = (
        UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?
    ) -> Int32

    /// Runs an ICU string function, growing the output buffer once when the
    /// first guess is too small.
    private static func transform(_ source: [UInt16], named name: String, _ function: Function) -> [UInt16] {
        precondition(source.count < Int(Int32.max) / 4, "ICU cannot transform a string of this length")
        var capacity = source.count * 2 + 8
        while true {
            var error: Int32 = 0
            var output = [UInt16](repeating: 0, count: capacity)
            let length = source.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { buffer in
                    Int(function(input.baseAddress, Int32(input.count), buffer.baseAddress, Int32(buffer.count), &error))
                }
            }
            if error == bufferOverflowError, length > capacity {
                capacity = length
                continue
            }
            precondition(error <= 0, "ICU \(name) failed: \(ICUError.name(of: error))")
            output.removeSubrange(length...)
            return output
        }
    }

    /// ICU's `U_BUFFER_OVERFLOW_ERROR`.
    private static let bufferOverflowError: Int32 = 15
}
