#ifndef CKERNELS_H
#define CKERNELS_H

#include <stdint.h>

/// C = A·Bᵀ, or C += A·Bᵀ when `accumulate` is nonzero, for row-major
/// `A` (`m × k`, row stride `lda`), `B` (`n × k`, row stride `ldb`) and
/// `C` (`m × n`, row stride `ldc`).
///
/// Every element of C is a dot product of a row of A and a row of B, read as
/// they are stored: nothing is copied or packed first, which is what makes
/// it faster than BLAS's gemm when A has few rows (one sentence's tokens, one
/// recurrent step). Uses AVX2 and FMA where the processor has them (checked
/// once, at the first call), and portable C elsewhere; the two sum in
/// different orders, so results can differ in the last bits.
void ckernels_sgemm_nt(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                       float *c, int ldc, int accumulate);

/// C = A·B, or C += A·B when `accumulate` is nonzero, for row-major `A`
/// (`m × k`, row stride `lda`), `B` (`k × n`, row stride `ldb`) and `C`
/// (`m × n`, row stride `ldc`): each row of C is the rows of B weighted by
/// that row of A, summed in rising order of the row of B.
///
/// With `B` a weight matrix stored transposed for it, this is
/// ckernels_sgemm_nt's product without its horizontal sums: fewer
/// instructions when A has one row (the recurrent step of one sentence).
/// Rows of A go in pairs, so that a batch reads B once per pair; a row's
/// result has the same bits alone or paired.
/// AVX2 and FMA where the processor has them, portable C elsewhere: the same
/// order, but the vector code fuses each multiply-add, so results can differ
/// in the last bits.
void ckernels_sgemm_nn(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                       float *c, int ldc, int accumulate);

/// ckernels_sgemm_nn with the portable C code whatever the processor.
void ckernels_sgemm_nn_portable(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                                float *c, int ldc, int accumulate);

/// Whether ckernels_sgemm_nt and ckernels_sgemm_nn use the AVX2/FMA code on this processor: 1 if
/// so, 0 otherwise (always 0 on other architectures).
int ckernels_vector_path(void);

/// ckernels_sgemm_nt with the portable C code whatever the processor, so
/// that tests can compare both paths.
void ckernels_sgemm_nt_portable(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                                float *c, int ldc, int accumulate);

/// The element-wise functions of ckernels_apply.
typedef enum {
    /// e^x: +infinity above about 88.7, 0 below about −87.3, NaN for NaN.
    CKERNELS_EXP,
    /// The logistic sigmoid 1 / (1 + e^(−x)).
    CKERNELS_SIGMOID,
    /// The hyperbolic tangent.
    CKERNELS_TANH,
} ckernels_function;

/// Replaces each of the `count` elements at `x` by `function` of it, within
/// 1e-6 relative of libm (one exponential from a short polynomial). AVX
/// where the processor has it, portable C elsewhere; both make the same
/// operations in the same order and give the same bits.
void ckernels_apply(ckernels_function function, int count, float *x);

/// ckernels_apply with the portable C code whatever the processor.
void ckernels_apply_portable(ckernels_function function, int count, float *x);

/// One step of Viterbi over `count` labels:
/// ```
/// next[j]     = emissions[j] + max_i (delta[i] + incoming[j * count + i])
/// pointers[j] = the first i reaching that maximum (ties go to the lower label)
/// ```
/// where `i` runs only over label j's runs of possible previous labels, the
/// `[start, end)` pairs `run_offsets[j] ..< run_offsets[j + 1]` of
/// `run_bounds` (runs in rising order). A label no previous label reaches
/// gets `-infinity` and pointer 0. `outgoing` is `incoming` transposed
/// (`outgoing[i * count + j] == incoming[j * count + i]`): with AVX2, eight
/// labels that every label may precede (O and B- labels under BIO
/// constraints) go at once over its rows. Every sum is the same single
/// addition on every path, so the vector and portable code give the same bits.
void ckernels_viterbi_step(int count, const float *delta, const float *incoming, const int32_t *run_bounds,
                           const int32_t *run_offsets, const float *outgoing, const float *emissions, float *next,
                           int32_t *pointers);

/// ckernels_viterbi_step with the portable C code whatever the processor (`outgoing` is not read).
void ckernels_viterbi_step_portable(int count, const float *delta, const float *incoming,
                                    const int32_t *run_bounds, const int32_t *run_offsets, const float *outgoing,
                                    const float *emissions, float *next, int32_t *pointers);

#endif
