#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/// Atomically exchanges two existing paths on one file system (Linux
/// renameat2 with RENAME_EXCHANGE, macOS renamex_np with RENAME_SWAP).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL or ENOSYS where
/// the file system or kernel cannot exchange).
int cfs_exchange(const char *first, const char *second);

#endif
