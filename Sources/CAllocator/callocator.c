#include "callocator.h"

#include <stdlib.h> // defines __GLIBC__ on glibc

static int settled = 0;

#if defined(__GLIBC__)
#include <malloc.h>

// Each setting unless the environment makes it (glibc reads MALLOC_ARENA_MAX
// and MALLOC_MMAP_THRESHOLD_ itself; an operator's choice wins).
__attribute__((constructor)) static void settle(void) {
    int arenas = getenv("MALLOC_ARENA_MAX") ? 1 : mallopt(M_ARENA_MAX, 1);
    int threshold = getenv("MALLOC_MMAP_THRESHOLD_") ? 1 : mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    settled = arenas == 1 && threshold == 1;
}
#endif

int callocator_settled(void) { return settled; }
