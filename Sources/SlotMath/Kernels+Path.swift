import CKernels

extension Kernels {
    /// Which code a kernel of `CKernels` runs.
    package enum Path: Sendable {
        /// Vector instructions (AVX2 and FMA) where the processor has them
        /// (checked once), portable C otherwise: what the toolkit uses.
        case fastest
        /// Portable C whatever the processor, so that tests compare both.
        case portable

        /// Whether ``fastest`` runs vector instructions on this processor.
        package static var fastestIsVector: Bool { ckernels_vector_path() == 1 }
    }
}
