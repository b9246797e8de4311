#ifndef CICU_H
#define CICU_H

/*
 * A thin C layer over the system's ICU.
 *
 * Debian's ICU exports only version-suffixed symbols (ubrk_open_72) behind
 * renaming macros that Swift cannot follow, and Foundation carries a private
 * ICU whose headers clash with the system's in any Swift compile that sees
 * both. So this header declares only functions over fixed-width integers and
 * an opaque handle; the ICU headers are included by cicu.c alone.
 *
 * Every function that can fail takes an `int32_t *error` that must hold 0 on
 * entry and holds ICU's UErrorCode afterwards (0 is success, negative values
 * are warnings, positive values are failures).
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of text boundary an iterator finds. */
enum {
    /* Word boundaries (UAX #29 words, with dictionaries for Thai, Chinese, Japanese, ...). */
    CICU_BREAK_WORD = 0,
    /* Extended grapheme cluster boundaries (user-perceived characters). */
    CICU_BREAK_CHARACTER = 1
};

/* A break iterator over one UTF-8 text; owned by one thread at a time. */
typedef struct cicu_break_iterator cicu_break_iterator;

/*
 * Opens a break iterator of `kind` over `length` bytes of valid UTF-8 at
 * `utf8`, which must stay alive and unchanged until the iterator is closed.
 * The root locale's rules are used. Returns NULL on failure (see `error`).
 */
cicu_break_iterator *cicu_break_open(int32_t kind, const uint8_t *utf8, int32_t length, int32_t *error);

/*
 * Moves to the next boundary and returns its offset in UTF-8 bytes, or -1
 * after the last boundary. When `status` is not NULL it receives the rule
 * status of the segment that ends at the returned boundary (word iterators:
 * 0-99 none, 100-199 number, 200-299 letter, 300-399 kana, 400-499 ideograph;
 * character iterators: always 0).
 */
int32_t cicu_break_next(cicu_break_iterator *iterator, int32_t *status);

/* Closes an iterator and frees its memory. NULL is ignored. */
void cicu_break_close(cicu_break_iterator *iterator);

/*
 * Writes the NFKC form of `length` UTF-16 code units at `source` to
 * `destination` (at most `capacity` units) and returns the length of the
 * full result; when that exceeds `capacity`, `error` reports
 * U_BUFFER_OVERFLOW_ERROR (15) and the call should be repeated with a larger
 * buffer.
 */
int32_t cicu_normalize_nfkc(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error);

/*
 * Returns 1 when `length` UTF-16 code units at `source` are certainly in NFKC
 * already (ICU's quick check says yes), 0 otherwise.
 */
int32_t cicu_is_nfkc(const uint16_t *source, int32_t length, int32_t *error);

/*
 * Writes the full case folding (Unicode default folding, as u_strFoldCase)
 * of `length` UTF-16 code units at `source` to `destination`; returns the
 * full length, with the same overflow convention as cicu_normalize_nfkc.
 */
int32_t cicu_fold_case(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error);

/*
 * Copies ICU's name for `error` (such as "U_MEMORY_ALLOCATION_ERROR") as
 * NUL-terminated ASCII into `buffer` (at most `capacity` bytes, truncated)
 * and returns the name's full length.
 */
int32_t cicu_error_name(int32_t error, uint8_t *buffer, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
