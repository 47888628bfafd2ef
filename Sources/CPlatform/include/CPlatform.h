#ifndef COMP_CPLATFORM_H
#define COMP_CPLATFORM_H

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int comp_rename_exchange(const char *from, const char *to);

#endif
