#ifndef COMP_CPLATFORM_H
#define COMP_CPLATFORM_H

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int comp_rename_exchange(const char *from, const char *to);

#include <stdint.h>

/// Atomically ORs `bits` into `*word` and returns the value before (relaxed: the read-modify-write itself is atomic).
/// Used by the parallel deal-id filter: of two threads setting the same bits, exactly one sees them unset.
uint64_t comp_atomic_fetch_or(uint64_t *word, uint64_t bits);

#endif
