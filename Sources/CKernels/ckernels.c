// The inner loops of tagging one sentence, with AVX2 and FMA where the
// processor has them (checked once) and portable C elsewhere: matrix
// products for few rows (the input projections, recurrent steps and emission
// scores of one sentence, where BLAS's gemm spends more time copying
// (packing) the weights than multiplying them), over weights as stored
// (A·Bᵀ) or transposed for it (A·B, the recurrent step), and the Viterbi step.
// The activation functions are in activations.c.
#include "ckernels.h"

#include <stddef.h>

static void store(float *c, float value, int accumulate) {
    *c = accumulate ? *c + value : value;
}

void ckernels_sgemm_nt_portable(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                                float *c, int ldc, int accumulate) {
    for (int i = 0; i < m; i++) {
        const float *row = a + (size_t)i * lda;
        for (int j = 0; j < n; j++) {
            const float *column = b + (size_t)j * ldb;
            float sum = 0;
            for (int p = 0; p < k; p++) sum += row[p] * column[p];
            store(c + (size_t)i * ldc + j, sum, accumulate);
        }
    }
}

void ckernels_sgemm_nn_portable(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                                float *c, int ldc, int accumulate) {
    for (int i = 0; i < m; i++) {
        const float *row = a + (size_t)i * lda;
        for (int j = 0; j < n; j++) {
            float sum = 0;
            for (int p = 0; p < k; p++) sum += row[p] * b[(size_t)p * ldb + j];
            store(c + (size_t)i * ldc + j, sum, accumulate);
        }
    }
}

// The best of base[i] + scores[i] over a run, first index on ties, one at a time.
static int max_plus_scalar(int count, const float *base, const float *scores, float *best) {
    float maximum = -__builtin_inff();
    int index = 0;
    for (int i = 0; i < count; i++) {
        float value = base[i] + scores[i];
        if (value > maximum) {
            maximum = value;
            index = i;
        }
    }
    *best = maximum;
    return index;
}

typedef int (*max_plus_function)(int count, const float *base, const float *scores, float *best);

// Label j of the Viterbi step of ckernels.h, over its runs of possible
// previous labels, with `max_plus` for the runs of eight labels or more.
static inline void viterbi_column(int j, int count, const float *delta, const float *incoming,
                                  const int32_t *run_bounds, const int32_t *run_offsets, const float *emissions,
                                  float *next, int32_t *pointers, max_plus_function max_plus) {
    const float *scores = incoming + (size_t)j * count;
    float best = -__builtin_inff();
    int from = 0;
    // An earlier run keeps a tie, as the lower label does within a run.
    for (int run = run_offsets[j]; run < run_offsets[j + 1]; run++) {
        int first = run_bounds[2 * run], length = run_bounds[2 * run + 1] - first;
        float value;
        int index = 0;
        if (length == 1) {
            // I- labels under BIO: runs of one label (B-X, I-X), read without a call.
            value = delta[first] + scores[first];
        } else {
            index = (length >= 8 ? max_plus : max_plus_scalar)(length, delta + first, scores + first, &value);
        }
        if (value > best) {
            best = value;
            from = first + index;
        }
    }
    next[j] = best + emissions[j];
    pointers[j] = from;
}

static inline void viterbi_step(int count, const float *delta, const float *incoming, const int32_t *run_bounds,
                                const int32_t *run_offsets, const float *emissions, float *next, int32_t *pointers,
                                max_plus_function max_plus) {
    for (int j = 0; j < count; j++) {
        viterbi_column(j, count, delta, incoming, run_bounds, run_offsets, emissions, next, pointers, max_plus);
    }
}

void ckernels_viterbi_step_portable(int count, const float *delta, const float *incoming,
                                    const int32_t *run_bounds, const int32_t *run_offsets, const float *outgoing,
                                    const float *emissions, float *next, int32_t *pointers) {
    (void)outgoing;
    viterbi_step(count, delta, incoming, run_bounds, run_offsets, emissions, next, pointers, max_plus_scalar);
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

static int detect_vector_path(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int fma = (ecx >> 12) & 1, osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
    if (!(fma && osxsave && avx)) return 0;
    // The operating system must save the YMM registers (XCR0 bits 1 and 2).
    unsigned int xcr0_low, xcr0_high;
    __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx >> 5) & 1;  // AVX2
}

int ckernels_vector_path(void) {
    // -1 until the first call; a race only computes the same answer twice.
    static int path = -1;
    int known = __atomic_load_n(&path, __ATOMIC_RELAXED);
    if (known < 0) {
        known = detect_vector_path();
        __atomic_store_n(&path, known, __ATOMIC_RELAXED);
    }
    return known;
}

// Eight -1s then eight 0s: loading 8 lanes from (tail_mask + 8 - r) gives a
// mask whose first r lanes are set, for the k % 8 elements left of a row.
static const int tail_mask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

// The four sums of the lanes of s0...s3, in that order.
__attribute__((target("avx2,fma")))
static inline __m128 sum_lanes4(__m256 s0, __m256 s1, __m256 s2, __m256 s3) {
    __m256 pairs = _mm256_hadd_ps(_mm256_hadd_ps(s0, s1), _mm256_hadd_ps(s2, s3));
    return _mm_add_ps(_mm256_castps256_ps128(pairs), _mm256_extractf128_ps(pairs, 1));
}

__attribute__((target("avx2,fma")))
static inline float sum_lanes(__m256 s) {
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_movehdup_ps(half));
    return _mm_cvtss_f32(half);
}

__attribute__((target("avx2,fma")))
static inline void store4(float *c, __m128 sums, int accumulate) {
    if (accumulate) sums = _mm_add_ps(sums, _mm_loadu_ps(c));
    _mm_storeu_ps(c, sums);
}

// Rows a0 (and a1 when `two`) against rows b0...b3: the 2 × 4 block of C at c.
__attribute__((target("avx2,fma")))
static inline void block_rows4(int two, int k, const float *a0, const float *a1, const float *b, int ldb,
                               float *c, int ldc, int accumulate) {
    const float *b0 = b, *b1 = b + ldb, *b2 = b + 2 * (size_t)ldb, *b3 = b + 3 * (size_t)ldb;
    __m256 s00 = _mm256_setzero_ps(), s01 = s00, s02 = s00, s03 = s00;
    __m256 s10 = s00, s11 = s00, s12 = s00, s13 = s00;
    int p = 0;
    for (; p + 8 <= k; p += 8) {
        __m256 w0 = _mm256_loadu_ps(b0 + p), w1 = _mm256_loadu_ps(b1 + p);
        __m256 w2 = _mm256_loadu_ps(b2 + p), w3 = _mm256_loadu_ps(b3 + p);
        __m256 x0 = _mm256_loadu_ps(a0 + p);
        s00 = _mm256_fmadd_ps(x0, w0, s00);
        s01 = _mm256_fmadd_ps(x0, w1, s01);
        s02 = _mm256_fmadd_ps(x0, w2, s02);
        s03 = _mm256_fmadd_ps(x0, w3, s03);
        if (two) {
            __m256 x1 = _mm256_loadu_ps(a1 + p);
            s10 = _mm256_fmadd_ps(x1, w0, s10);
            s11 = _mm256_fmadd_ps(x1, w1, s11);
            s12 = _mm256_fmadd_ps(x1, w2, s12);
            s13 = _mm256_fmadd_ps(x1, w3, s13);
        }
    }
    if (p < k) {
        __m256i mask = _mm256_loadu_si256((const __m256i *)(tail_mask + 8 - (k - p)));
        __m256 w0 = _mm256_maskload_ps(b0 + p, mask), w1 = _mm256_maskload_ps(b1 + p, mask);
        __m256 w2 = _mm256_maskload_ps(b2 + p, mask), w3 = _mm256_maskload_ps(b3 + p, mask);
        __m256 x0 = _mm256_maskload_ps(a0 + p, mask);
        s00 = _mm256_fmadd_ps(x0, w0, s00);
        s01 = _mm256_fmadd_ps(x0, w1, s01);
        s02 = _mm256_fmadd_ps(x0, w2, s02);
        s03 = _mm256_fmadd_ps(x0, w3, s03);
        if (two) {
            __m256 x1 = _mm256_maskload_ps(a1 + p, mask);
            s10 = _mm256_fmadd_ps(x1, w0, s10);
            s11 = _mm256_fmadd_ps(x1, w1, s11);
            s12 = _mm256_fmadd_ps(x1, w2, s12);
            s13 = _mm256_fmadd_ps(x1, w3, s13);
        }
    }
    store4(c, sum_lanes4(s00, s01, s02, s03), accumulate);
    if (two) store4(c + ldc, sum_lanes4(s10, s11, s12, s13), accumulate);
}

// One row of A against one row of B.
__attribute__((target("avx2,fma")))
static inline float dot(int k, const float *x, const float *y) {
    __m256 sum = _mm256_setzero_ps();
    int p = 0;
    for (; p + 8 <= k; p += 8) sum = _mm256_fmadd_ps(_mm256_loadu_ps(x + p), _mm256_loadu_ps(y + p), sum);
    if (p < k) {
        __m256i mask = _mm256_loadu_si256((const __m256i *)(tail_mask + 8 - (k - p)));
        sum = _mm256_fmadd_ps(_mm256_maskload_ps(x + p, mask), _mm256_maskload_ps(y + p, mask), sum);
    }
    return sum_lanes(sum);
}

__attribute__((target("avx2,fma")))
static void sgemm_nt_vector(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                            float *c, int ldc, int accumulate) {
    // Four rows of B at a time stay in the first-level cache while every row of A passes them.
    int j = 0;
    for (; j + 4 <= n; j += 4) {
        const float *block = b + (size_t)j * ldb;
        for (int i = 0; i < m; i += 2) {
            const float *a0 = a + (size_t)i * lda;
            block_rows4(i + 1 < m, k, a0, a0 + lda, block, ldb, c + (size_t)i * ldc + j, ldc, accumulate);
        }
    }
    for (; j < n; j++) {
        for (int i = 0; i < m; i++) {
            store(c + (size_t)i * ldc + j, dot(k, a + (size_t)i * lda, b + (size_t)j * ldb), accumulate);
        }
    }
}

__attribute__((target("avx2,fma")))
static inline void store8(float *c, __m256 sums, int accumulate) {
    if (accumulate) sums = _mm256_add_ps(sums, _mm256_loadu_ps(c));
    _mm256_storeu_ps(c, sums);
}

// Columns 0 ..< 8·blocks of y = x·B (B: k rows of stride ldb): one 8-lane
// accumulator per block, each element summed over p in rising order, so no
// horizontal sums. With `masked`, the last block holds only the lanes that
// `mask` sets. Always inlined with constant `blocks` and `masked`, so that
// the accumulators stay in registers.
__attribute__((target("avx2,fma"), always_inline))
static inline void row_block(int blocks, int masked, __m256i mask, int k, const float *x, const float *b, int ldb,
                             float *y, int accumulate) {
    __m256 s[8];
    for (int q = 0; q < blocks; q++) s[q] = _mm256_setzero_ps();
    for (int p = 0; p < k; p++) {
        __m256 xp = _mm256_broadcast_ss(x + p);
        const float *w = b + (size_t)p * ldb;
        for (int q = 0; q + 1 < blocks; q++) s[q] = _mm256_fmadd_ps(xp, _mm256_loadu_ps(w + 8 * q), s[q]);
        const float *last = w + 8 * (blocks - 1);
        s[blocks - 1] = _mm256_fmadd_ps(xp, masked ? _mm256_maskload_ps(last, mask) : _mm256_loadu_ps(last),
                                        s[blocks - 1]);
    }
    for (int q = 0; q + 1 < blocks; q++) store8(y + 8 * q, s[q], accumulate);
    float *tail = y + 8 * (blocks - 1);
    if (!masked) {
        store8(tail, s[blocks - 1], accumulate);
    } else {
        __m256 sum = s[blocks - 1];
        if (accumulate) sum = _mm256_add_ps(sum, _mm256_maskload_ps(tail, mask));
        _mm256_maskstore_ps(tail, mask, sum);
    }
}

// Row x of A times B (k × n, row stride ldb) into y: 64 columns at a time
// (eight accumulators in flight), then the rest in one pass of up to eight,
// the last masked when the rest is not a multiple of 8.
__attribute__((target("avx2,fma")))
static void row_times_matrix(int n, int k, const float *x, const float *b, int ldb, float *y, int accumulate) {
    const __m256i all = _mm256_set1_epi32(-1);
    int j = 0;
    for (; j + 64 <= n; j += 64) row_block(8, 0, all, k, x, b + j, ldb, y + j, accumulate);
    int rest = n - j;
    if (rest == 0) return;
    int blocks = (rest + 7) / 8, lanes = rest - 8 * (blocks - 1);
    __m256i mask = _mm256_loadu_si256((const __m256i *)(tail_mask + 8 - lanes));
    const float *column = b + j;
    float *out = y + j;
#define ROW_BLOCK_CASE(count)                                                                     \
    case count:                                                                                   \
        if (lanes == 8) row_block(count, 0, all, k, x, column, ldb, out, accumulate);           \
        else row_block(count, 1, mask, k, x, column, ldb, out, accumulate);                    \
        break;
    switch (blocks) {
        ROW_BLOCK_CASE(1)
        ROW_BLOCK_CASE(2)
        ROW_BLOCK_CASE(3)
        ROW_BLOCK_CASE(4)
        ROW_BLOCK_CASE(5)
        ROW_BLOCK_CASE(6)
        ROW_BLOCK_CASE(7)
        ROW_BLOCK_CASE(8)
    }
#undef ROW_BLOCK_CASE
}

// Columns 0 ..< 8·blocks of two rows at once, y0 = x0·B and y1 = x1·B: each
// row of B is loaded once for both, and every element is summed exactly as
// row_block sums it (over p in rising order), so a row has the same bits
// whichever row it is paired with, or none.
__attribute__((target("avx2,fma"), always_inline))
static inline void two_row_block(int blocks, int masked, __m256i mask, int k, const float *x0, const float *x1,
                                 const float *b, int ldb, float *y0, float *y1, int accumulate) {
    __m256 s0[4], s1[4];
    for (int q = 0; q < blocks; q++) s0[q] = s1[q] = _mm256_setzero_ps();
    for (int p = 0; p < k; p++) {
        __m256 u = _mm256_broadcast_ss(x0 + p), v = _mm256_broadcast_ss(x1 + p);
        const float *w = b + (size_t)p * ldb;
        for (int q = 0; q < blocks; q++) {
            __m256 weights = masked && q == blocks - 1 ? _mm256_maskload_ps(w + 8 * q, mask) : _mm256_loadu_ps(w + 8 * q);
            s0[q] = _mm256_fmadd_ps(u, weights, s0[q]);
            s1[q] = _mm256_fmadd_ps(v, weights, s1[q]);
        }
    }
    for (int q = 0; q < blocks; q++) {
        if (masked && q == blocks - 1) {
            __m256 sum0 = s0[q], sum1 = s1[q];
            if (accumulate) {
                sum0 = _mm256_add_ps(sum0, _mm256_maskload_ps(y0 + 8 * q, mask));
                sum1 = _mm256_add_ps(sum1, _mm256_maskload_ps(y1 + 8 * q, mask));
            }
            _mm256_maskstore_ps(y0 + 8 * q, mask, sum0);
            _mm256_maskstore_ps(y1 + 8 * q, mask, sum1);
        } else {
            store8(y0 + 8 * q, s0[q], accumulate);
            store8(y1 + 8 * q, s1[q], accumulate);
        }
    }
}

// Rows x0 and x1 of A times B into y0 and y1: 32 columns at a time (eight
// accumulators, four per row), then the rest in one pass, the last block
// masked. A batch's rows go in pairs, so B is read once per pair.
__attribute__((target("avx2,fma")))
static void two_rows_times_matrix(int n, int k, const float *x0, const float *x1, const float *b, int ldb,
                                  float *y0, float *y1, int accumulate) {
    const __m256i all = _mm256_set1_epi32(-1);
    int j = 0;
    for (; j + 32 <= n; j += 32) two_row_block(4, 0, all, k, x0, x1, b + j, ldb, y0 + j, y1 + j, accumulate);
    int rest = n - j;
    if (rest == 0) return;
    int blocks = (rest + 7) / 8, lanes = rest - 8 * (blocks - 1);
    __m256i mask = _mm256_loadu_si256((const __m256i *)(tail_mask + 8 - lanes));
#define TWO_ROW_BLOCK_CASE(count)                                                                          \
    case count:                                                                                            \
        if (lanes == 8) two_row_block(count, 0, all, k, x0, x1, b + j, ldb, y0 + j, y1 + j, accumulate);  \
        else two_row_block(count, 1, mask, k, x0, x1, b + j, ldb, y0 + j, y1 + j, accumulate);           \
        break;
    switch (blocks) {
        TWO_ROW_BLOCK_CASE(1)
        TWO_ROW_BLOCK_CASE(2)
        TWO_ROW_BLOCK_CASE(3)
        TWO_ROW_BLOCK_CASE(4)
    }
#undef TWO_ROW_BLOCK_CASE
}

// Each lane keeps its own maximum and the first index reaching it (indices
// of a lane rise, and only a larger value replaces); the answer is the
// largest lane maximum and, among the lanes holding it, the lowest index.
__attribute__((target("avx2,fma")))
static int max_plus_vector(int count, const float *base, const float *scores, float *best) {
    __m256 maximum = _mm256_set1_ps(-__builtin_inff());
    __m256i index = _mm256_setzero_si256();
    __m256i position = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i step = _mm256_set1_epi32(8);
    int i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 value = _mm256_add_ps(_mm256_loadu_ps(base + i), _mm256_loadu_ps(scores + i));
        __m256 larger = _mm256_cmp_ps(value, maximum, _CMP_GT_OQ);
        maximum = _mm256_blendv_ps(maximum, value, larger);
        index = _mm256_blendv_epi8(index, position, _mm256_castps_si256(larger));
        position = _mm256_add_epi32(position, step);
    }
    float lanes[8];
    int lane_index[8];
    _mm256_storeu_ps(lanes, maximum);
    _mm256_storeu_si256((__m256i *)lane_index, index);
    float top = -__builtin_inff();
    int first = 0;
    for (int lane = 0; lane < 8; lane++) {
        if (lanes[lane] > top || (lanes[lane] == top && top > -__builtin_inff() && lane_index[lane] < first)) {
            top = lanes[lane];
            first = lane_index[lane];
        }
    }
    for (; i < count; i++) {
        float value = base[i] + scores[i];
        if (value > top) {
            top = value;
            first = i;
        }
    }
    *best = top;
    return first;
}

// Whether labels j0 ..< j0 + 8 can each follow every label: one run [0, count).
static int open_block(int j0, int count, const int32_t *run_bounds, const int32_t *run_offsets) {
    for (int j = j0; j < j0 + 8; j++) {
        int run = run_offsets[j];
        if (run_offsets[j + 1] != run + 1 || run_bounds[2 * run] != 0 || run_bounds[2 * run + 1] != count) return 0;
    }
    return 1;
}

// Labels j0 ..< j0 + 8 at once, each lane one label, over every previous
// label i in rising order (the rows of `outgoing`): the lane keeps the first
// i reaching its maximum, as the runs do; the sums are the same additions.
__attribute__((target("avx2,fma")))
static void viterbi_block(int j0, int count, const float *delta, const float *outgoing, const float *emissions,
                          float *next, int32_t *pointers) {
    __m256 best = _mm256_set1_ps(-__builtin_inff());
    __m256i from = _mm256_setzero_si256(), index = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi32(1);
    for (int i = 0; i < count; i++) {
        __m256 value = _mm256_add_ps(_mm256_set1_ps(delta[i]), _mm256_loadu_ps(outgoing + (size_t)i * count + j0));
        __m256 larger = _mm256_cmp_ps(value, best, _CMP_GT_OQ);
        best = _mm256_blendv_ps(best, value, larger);
        from = _mm256_blendv_epi8(from, index, _mm256_castps_si256(larger));
        index = _mm256_add_epi32(index, one);
    }
    _mm256_storeu_ps(next + j0, _mm256_add_ps(best, _mm256_loadu_ps(emissions + j0)));
    _mm256_storeu_si256((__m256i *)(pointers + j0), from);
}

void ckernels_viterbi_step(int count, const float *delta, const float *incoming, const int32_t *run_bounds,
                           const int32_t *run_offsets, const float *outgoing, const float *emissions, float *next,
                           int32_t *pointers) {
    if (!ckernels_vector_path()) {
        viterbi_step(count, delta, incoming, run_bounds, run_offsets, emissions, next, pointers, max_plus_scalar);
        return;
    }
    int j = 0;
    for (; j + 8 <= count; j += 8) {
        if (open_block(j, count, run_bounds, run_offsets)) {
            viterbi_block(j, count, delta, outgoing, emissions, next, pointers);
        } else {
            for (int column = j; column < j + 8; column++) {
                viterbi_column(column, count, delta, incoming, run_bounds, run_offsets, emissions, next, pointers,
                               max_plus_vector);
            }
        }
    }
    for (; j < count; j++) {
        viterbi_column(j, count, delta, incoming, run_bounds, run_offsets, emissions, next, pointers, max_plus_vector);
    }
}

void ckernels_sgemm_nn(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                       float *c, int ldc, int accumulate) {
    if (ckernels_vector_path()) {
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            const float *x0 = a + (size_t)i * lda;
            float *y0 = c + (size_t)i * ldc;
            two_rows_times_matrix(n, k, x0, x0 + lda, b, ldb, y0, y0 + ldc, accumulate);
        }
        if (i < m) row_times_matrix(n, k, a + (size_t)i * lda, b, ldb, c + (size_t)i * ldc, accumulate);
    } else {
        ckernels_sgemm_nn_portable(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
    }
}

void ckernels_sgemm_nt(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                       float *c, int ldc, int accumulate) {
    if (ckernels_vector_path()) {
        sgemm_nt_vector(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
    } else {
        ckernels_sgemm_nt_portable(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
    }
}

#else

int ckernels_vector_path(void) { return 0; }

void ckernels_sgemm_nn(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                       float *c, int ldc, int accumulate) {
    ckernels_sgemm_nn_portable(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

void ckernels_viterbi_step(int count, const float *delta, const float *incoming, const int32_t *run_bounds,
                           const int32_t *run_offsets, const float *outgoing, const float *emissions, float *next,
                           int32_t *pointers) {
    ckernels_viterbi_step_portable(count, delta, incoming, run_bounds, run_offsets, outgoing, emissions, next, pointers);
}

void ckernels_sgemm_nt(int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                       float *c, int ldc, int accumulate) {
    ckernels_sgemm_nt_portable(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

#endif
