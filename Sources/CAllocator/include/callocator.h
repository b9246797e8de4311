#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Whether glibc's allocator was set, when the program loaded and before any
/// thread started, for a long-running server: one arena shared by every
/// thread (M_ARENA_MAX 1) and blocks of 128 KiB or more mapped on their own
/// and returned to the system when freed (M_MMAP_THRESHOLD, which glibc
/// otherwise raises as such blocks are freed). A setting the environment
/// makes (MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_) is left to it. Returns 1
/// when both settings took, 0 otherwise (on other C libraries nothing is set).
///
/// The settings are made by a constructor of this file, since a thread that
/// allocated before them keeps its own arena; a program that links this
/// target and calls this function gets them.
int callocator_settled(void);

#endif
