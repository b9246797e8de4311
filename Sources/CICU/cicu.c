#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

struct cicu_break_iterator {
    UBreakIterator *breaker;
    UText text;
};

/*
 * Opening a rule-based break iterator costs about four times as much as
 * cloning one, so each kind is opened once per process as a template and every
 * cicu_break_open clones it. Templates are never iterated or changed after
 * they are opened; ICU's clone only reads them, so threads may clone at once.
 */
static UBreakIterator *templates[2];
static UErrorCode template_errors[2];
static pthread_once_t templates_once = PTHREAD_ONCE_INIT;

static void open_templates(void) {
    template_errors[0] = U_ZERO_ERROR;
    templates[0] = ubrk_open(UBRK_WORD, "", NULL, 0, &template_errors[0]);
    template_errors[1] = U_ZERO_ERROR;
    templates[1] = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &template_errors[1]);
}

cicu_break_iterator *cicu_break_open(int32_t kind, const uint8_t *utf8, int32_t length, int32_t *error) {
    UErrorCode status = (UErrorCode)*error;
    if (U_FAILURE(status)) {
        return NULL;
    }
    if (kind != CICU_BREAK_WORD && kind != CICU_BREAK_CHARACTER) {
        *error = U_ILLEGAL_ARGUMENT_ERROR;
        return NULL;
    }
    pthread_once(&templates_once, open_templates);
    if (U_FAILURE(template_errors[kind]) || templates[kind] == NULL) {
        *error = U_FAILURE(template_errors[kind]) ? template_errors[kind] : U_MISSING_RESOURCE_ERROR;
        return NULL;
    }
    cicu_break_iterator *iterator = calloc(1, sizeof *iterator);
    if (iterator == NULL) {
        *error = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    UText initial = UTEXT_INITIALIZER;
    iterator->text = initial;
    utext_openUTF8(&iterator->text, (const char *)utf8, length, &status);
    if (U_SUCCESS(status)) {
        iterator->breaker = ubrk_clone(templates[kind], &status);
    }
    if (U_SUCCESS(status)) {
        ubrk_setUText(iterator->breaker, &iterator->text, &status);
    }
    if (U_FAILURE(status)) {
        *error = status;
        cicu_break_close(iterator);
        return NULL;
    }
    *error = status;
    return iterator;
}

int32_t cicu_break_next(cicu_break_iterator *iterator, int32_t *status) {
    int32_t boundary = ubrk_next(iterator->breaker);
    if (boundary == UBRK_DONE) {
        return -1;
    }
    if (status != NULL) {
        *status = ubrk_getRuleStatus(iterator->breaker);
    }
    return boundary;
}

void cicu_break_close(cicu_break_iterator *iterator) {
    if (iterator == NULL) {
        return;
    }
    if (iterator->breaker != NULL) {
        ubrk_close(iterator->breaker);
    }
    utext_close(&iterator->text);
    free(iterator);
}

int32_t cicu_normalize_nfkc(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error) {
    UErrorCode status = (UErrorCode)*error;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    int32_t result = 0;
    if (U_SUCCESS(status)) {
        result = unorm2_normalize(nfkc, (const UChar *)source, length, (UChar *)destination, capacity, &status);
    }
    *error = status;
    return result;
}

int32_t cicu_is_nfkc(const uint16_t *source, int32_t length, int32_t *error) {
    UErrorCode status = (UErrorCode)*error;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    UNormalizationCheckResult check = UNORM_NO;
    if (U_SUCCESS(status)) {
        check = unorm2_quickCheck(nfkc, (const UChar *)source, length, &status);
    }
    *error = status;
    return U_SUCCESS(status) && check == UNORM_YES ? 1 : 0;
}

int32_t cicu_fold_case(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity, int32_t *error) {
    UErrorCode status = (UErrorCode)*error;
    int32_t result = u_strFoldCase((UChar *)destination, capacity, (const UChar *)source, length, U_FOLD_CASE_DEFAULT, &status);
    *error = status;
    return result;
}

int32_t cicu_error_name(int32_t error, uint8_t *buffer, int32_t capacity) {
    const char *name = u_errorName((UErrorCode)error);
    int32_t length = (int32_t)strlen(name);
    if (capacity > 0) {
        int32_t copied = length < capacity - 1 ? length : capacity - 1;
        memcpy(buffer, name, (size_t)copied);
        buffer[copied] = 0;
    }
    return length;
}
