#define _GNU_SOURCE
#include "CPlatform.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int comp_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

static const size_t huge_page = (size_t)2 << 20;

static size_t table_span(size_t bytes) {
    return (bytes + huge_page - 1) / huge_page * huge_page;
}

void *comp_allocate_table(size_t bytes) {
    size_t span = table_span(bytes);
    // Map one huge page more than needed and trim both ends to a 2 MiB boundary.
    char *mapped = mmap(NULL, span + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return NULL;
    uintptr_t address = (uintptr_t)mapped;
    char *aligned = (char *)((address + huge_page - 1) / huge_page * huge_page);
    size_t head = (size_t)(aligned - mapped);
    if (head > 0) munmap(mapped, head);
    size_t tail = huge_page - head;
    if (tail > 0) munmap(aligned + span, tail);
#ifdef MADV_HUGEPAGE
    madvise(aligned, span, MADV_HUGEPAGE);
#endif
    return aligned;
}

void comp_free_table(void *pointer, size_t bytes) {
    if (pointer != NULL) munmap(pointer, table_span(bytes));
}

void comp_advise_huge_pages(void *pointer, size_t bytes) {
#ifdef MADV_HUGEPAGE
    uintptr_t start = ((uintptr_t)pointer + huge_page - 1) / huge_page * huge_page;
    uintptr_t end = ((uintptr_t)pointer + bytes) / huge_page * huge_page;
    if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
}

void comp_use_small_block_bins(bool use) {
#if defined(__GLIBC__)
    // 0 turns the fast bins off; 128 bytes is glibc's default on 64-bit systems.
    mallopt(M_MXFAST, use ? 128 : 0);
#else
    (void)use;
#endif
}

void comp_run_when_idle(void) {
#if defined(__linux__)
    // On Linux a nice value belongs to the thread (its id) rather than the whole process.
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
#endif
}

void comp_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
