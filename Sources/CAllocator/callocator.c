#include "callocator.h"

#include <stdlib.h> // defines __GLIBC__ on glibc

static int settled = 0;

#if defined(__GLIBC__)
#include <malloc.h>

// The setting unless the environment makes it (glibc reads
// MALLOC_MMAP_THRESHOLD_ itself; an operator's choice wins).
__attribute__((constructor)) static void settle(void) {
    settled = getenv("MALLOC_MMAP_THRESHOLD_") ? 1 : mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1;
}
#endif

int callocator_settled(void) { return settled; }
