#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Whether glibc's allocator was set, when the program loaded and before any
/// thread started, for a long-running server: blocks of 128 KiB or more mapped
/// on their own and returned to the system when freed (M_MMAP_THRESHOLD,
/// which glibc otherwise raises as such blocks are freed). A threshold the
/// environment sets (MALLOC_MMAP_THRESHOLD_) is left to it. Returns 1 when the
/// setting took, 0 otherwise (on other C libraries nothing is set).
///
/// The setting is made by a constructor of this file, before any thread
/// allocates; a program that links this target and calls this function gets it.
int callocator_settled(void);

#endif
