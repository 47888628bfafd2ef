#ifndef COMP_CPLATFORM_H
#define COMP_CPLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int comp_rename_exchange(const char *from, const char *to);

/// Atomically ORs `bits` into `*word` and returns the value before (relaxed: the read-modify-write itself is atomic).
/// Used by the parallel deal-id filter: of two threads setting the same bits, exactly one sees them unset.
/// Inline so that the hot loop pays no call.
static inline uint64_t comp_atomic_fetch_or(uint64_t *word, uint64_t bits) {
    return __atomic_fetch_or(word, bits, __ATOMIC_RELAXED);
}

/// Asks the CPU to start loading the cache line at `address` for a write soon. A hint only: it
/// changes no result, it lets a random access overlap other work instead of stalling.
static inline void comp_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// The same for a line that is only read (shared tables: a line fetched for writing would be taken
/// away from the other cores' caches).
static inline void comp_prefetch_for_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// `bytes` of zeroed memory for a large table read at random (the deal-id filter, the credit sums),
/// aligned to 2 MiB and marked for transparent huge pages where the kernel offers them: one TLB
/// entry then covers 2 MiB instead of 4 KiB. NULL when the memory cannot be had.
/// Free with `comp_free_table(pointer, bytes)`.
void *comp_allocate_table(size_t bytes);
void comp_free_table(void *pointer, size_t bytes);

/// Marks the whole 2 MiB pages inside `[pointer, pointer + bytes)` for transparent huge pages, for
/// memory from malloc that is about to be filled and then read at random. Does nothing to memory
/// already touched, to a span holding no whole huge page, or where the kernel has no such pages.
void comp_advise_huge_pages(void *pointer, size_t bytes);

/// Turns glibc's fast bins for small blocks off (false) or back on (true). Off while the plan
/// documents are built and freed: millions of small libxml2 nodes freed between large blocks make
/// glibc merge its fast bins over and over (a fifth of the plan stage's time). Does nothing elsewhere.
void comp_use_small_block_bins(bool use);

/// Gives the calling thread the lowest scheduling priority (nice 19): it runs on a core the
/// run's other threads leave idle and barely slows them otherwise. Does nothing off Linux.
void comp_run_when_idle(void);

/// Returns the free memory malloc keeps (every thread's arena) to the system (glibc malloc_trim),
/// after a stage whose threads freed large blocks another stage will not reuse. Does nothing elsewhere.
void comp_release_free_memory(void);

#endif
