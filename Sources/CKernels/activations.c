// The activation functions of the recurrent layers, eight lanes at a time
// with AVX where the processor has it, one at a time in portable C
// otherwise. Both paths make the same IEEE operations in the same order (no
// fused multiply-add), so they give the same bits: a model trains and tags
// to the same numbers on every x86-64 processor.
//
// e^x = 2^n · p(r),  n = round(x / ln 2),  r = x − n·ln 2,  |r| ≤ ln 2 / 2
// σ(x) = 1 / (1 + e^(−x))
// tanh(x) = sign(x) · (1 − 2 / (e^(2|x|) + 1))       for |x| ≥ 0.3
// tanh(x) = x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835  for |x| < 0.3
#pragma STDC FP_CONTRACT OFF
#include "ckernels.h"

#include <string.h>

static const float log2e = 1.44269504f;
// ln 2 split in two so that n · ln2_high is exact for the n that occur.
static const float ln2_high = 0.693145751953125f;
static const float ln2_low = 1.428606765330187045e-06f;
// Adding 1.5 · 2^23 rounds to an integer, which lands in the low mantissa bits.
static const float rounding_shift = 12582912.0f;

static float from_bits(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static uint32_t to_bits(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static float exp1(float x) {
    float clamped = x < -88.0f ? -88.0f : x;
    if (x > 88.75f) clamped = 88.75f;
    float shifted = clamped * log2e;
    shifted = shifted + rounding_shift;
    float n = shifted - rounding_shift;
    float r = clamped - n * ln2_high;
    r = r - n * ln2_low;
    // Taylor polynomial of e^r to r⁶ (Horner): error below 2e-7 relative for |r| ≤ ln 2 / 2.
    float p = 1.0f / 720.0f;
    p = p * r; p = p + 1.0f / 120.0f;
    p = p * r; p = p + 1.0f / 24.0f;
    p = p * r; p = p + 1.0f / 6.0f;
    p = p * r; p = p + 0.5f;
    p = p * r; p = p + 1.0f;
    p = p * r; p = p + 1.0f;
    // 2^n in two factors, so that n = 128 (e^88.7 is still finite) and
    // n = −127 (subnormal results) need no exponent outside −126…127.
    int32_t exponent = (int32_t)(to_bits(shifted) - to_bits(rounding_shift));
    int32_t half = exponent >> 1;
    float scale1 = from_bits((uint32_t)(half + 127) << 23);
    float scale2 = from_bits((uint32_t)(exponent - half + 127) << 23);
    float result = p * scale1;
    result = result * scale2;
    if (x > 88.72f) result = __builtin_inff();
    if (x < -87.33f) result = 0;
    if (x != x) result = x;
    return result;
}

static float sigmoid1(float x) { return 1.0f / (1.0f + exp1(-x)); }

static float tanh1(float x) {
    float magnitude = from_bits(to_bits(x) & 0x7FFFFFFFu);
    float large = 1.0f - 2.0f / (exp1(2.0f * magnitude) + 1.0f);
    float square = x * x;
    // The Taylor series to x⁹: its next term is below 1e-7 relative for |x| < 0.3.
    float series = 62.0f / 2835.0f;
    series = series * square; series = series - 17.0f / 315.0f;
    series = series * square; series = series + 2.0f / 15.0f;
    series = series * square; series = series - 1.0f / 3.0f;
    series = series * square; series = series * x; series = series + x;
    float sign_applied = x < 0 ? -large : large;
    return magnitude < 0.3f ? series : sign_applied;
}

void ckernels_apply_portable(ckernels_function function, int count, float *x) {
    for (int i = 0; i < count; i++) {
        switch (function) {
        case CKERNELS_EXP: x[i] = exp1(x[i]); break;
        case CKERNELS_SIGMOID: x[i] = sigmoid1(x[i]); break;
        case CKERNELS_TANH: x[i] = tanh1(x[i]); break;
        }
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define VECTOR __attribute__((target("avx2,fma")))

// −x, as a sign flip (what unary minus is), not 0 − x.
VECTOR static inline __m256 negate(__m256 x) { return _mm256_xor_ps(x, _mm256_set1_ps(-0.0f)); }

VECTOR static inline __m256 pick(__m256 mask, __m256 if_true, __m256 if_false) {
    return _mm256_blendv_ps(if_false, if_true, mask);
}

VECTOR static inline __attribute__((always_inline)) __m256 exp8(__m256 x) {
    // max and min clamp as the portable code's comparisons do for every number; a NaN
    // (which they turn into a bound) is put back at the end.
    __m256 clamped = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-88.0f)), _mm256_set1_ps(88.75f));
    __m256 shift = _mm256_set1_ps(rounding_shift);
    __m256 shifted = _mm256_add_ps(_mm256_mul_ps(clamped, _mm256_set1_ps(log2e)), shift);
    __m256 n = _mm256_sub_ps(shifted, shift);
    __m256 r = _mm256_sub_ps(clamped, _mm256_mul_ps(n, _mm256_set1_ps(ln2_high)));
    r = _mm256_sub_ps(r, _mm256_mul_ps(n, _mm256_set1_ps(ln2_low)));
    __m256 p = _mm256_set1_ps(1.0f / 720.0f);
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 120.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 24.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 6.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(0.5f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f));
    __m256i exponent = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_castps_si256(shift));
    __m256i half = _mm256_srai_epi32(exponent, 1);
    __m256i bias = _mm256_set1_epi32(127);
    __m256 scale1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(half, bias), 23));
    __m256 scale2 = _mm256_castsi256_ps(
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_sub_epi32(exponent, half), bias), 23));
    __m256 result = _mm256_mul_ps(_mm256_mul_ps(p, scale1), scale2);
    result = pick(_mm256_cmp_ps(x, _mm256_set1_ps(88.72f), _CMP_GT_OQ), _mm256_set1_ps(__builtin_inff()), result);
    result = pick(_mm256_cmp_ps(x, _mm256_set1_ps(-87.33f), _CMP_LT_OQ), _mm256_setzero_ps(), result);
    return pick(_mm256_cmp_ps(x, x, _CMP_NEQ_UQ), x, result);
}

VECTOR static inline __attribute__((always_inline)) __m256 sigmoid8(__m256 x) {
    __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(negate(x))));
}

VECTOR static inline __attribute__((always_inline)) __m256 tanh8(__m256 x) {
    __m256 magnitude = _mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF)));
    __m256 one = _mm256_set1_ps(1.0f), two = _mm256_set1_ps(2.0f);
    __m256 large = _mm256_sub_ps(one, _mm256_div_ps(two, _mm256_add_ps(exp8(_mm256_mul_ps(two, magnitude)), one)));
    __m256 square = _mm256_mul_ps(x, x);
    __m256 series = _mm256_set1_ps(62.0f / 2835.0f);
    series = _mm256_sub_ps(_mm256_mul_ps(series, square), _mm256_set1_ps(17.0f / 315.0f));
    series = _mm256_add_ps(_mm256_mul_ps(series, square), _mm256_set1_ps(2.0f / 15.0f));
    series = _mm256_sub_ps(_mm256_mul_ps(series, square), _mm256_set1_ps(1.0f / 3.0f));
    series = _mm256_add_ps(_mm256_mul_ps(_mm256_mul_ps(series, square), x), x);
    __m256 negative = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 sign_applied = pick(negative, negate(large), large);
    return pick(_mm256_cmp_ps(magnitude, _mm256_set1_ps(0.3f), _CMP_LT_OQ), series, sign_applied);
}

// One function over count elements in place: whole vectors, then the last
// partial group through a padded vector. Always inlined with a constant
// function, so that each loop keeps its constants in registers.
#define APPLY_VECTOR(function8)                                                              \
    do {                                                                                     \
        int i = 0;                                                                           \
        for (; i + 8 <= count; i += 8) _mm256_storeu_ps(x + i, function8(_mm256_loadu_ps(x + i))); \
        if (i < count) {                                                                     \
            float tail[8] = {0};                                                             \
            memcpy(tail, x + i, (size_t)(count - i) * sizeof(float));                        \
            _mm256_storeu_ps(tail, function8(_mm256_loadu_ps(tail)));                        \
            memcpy(x + i, tail, (size_t)(count - i) * sizeof(float));                        \
        }                                                                                    \
    } while (0)

VECTOR static void apply_vector(ckernels_function function, int count, float *x) {
    switch (function) {
    case CKERNELS_EXP: APPLY_VECTOR(exp8); break;
    case CKERNELS_SIGMOID: APPLY_VECTOR(sigmoid8); break;
    case CKERNELS_TANH: APPLY_VECTOR(tanh8); break;
    }
}

void ckernels_apply(ckernels_function function, int count, float *x) {
    if (ckernels_vector_path()) {
        apply_vector(function, count, x);
    } else {
        ckernels_apply_portable(function, count, x);
    }
}

#else

void ckernels_apply(ckernels_function function, int count, float *x) {
    ckernels_apply_portable(function, count, x);
}

#endif
