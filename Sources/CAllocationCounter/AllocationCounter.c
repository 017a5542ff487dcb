// Allocation counting by interposing the allocator. A program that links this file defines malloc & co itself;
// the dynamic linker then resolves every library's calls (the Swift runtime's included) to these wrappers, which
// count and forward to glibc's internal entry points (exported as __libc_*), so nothing else changes.
#include "CAllocationCounter.h"

#include <errno.h>  // defines __GLIBC__ on glibc systems
#include <stddef.h>
#include <stdatomic.h>

#if defined(__linux__) && defined(__GLIBC__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static __thread int counting;
static __thread long thread_count;
static atomic_long total_count;

static inline void note_allocation(void) {
    atomic_fetch_add_explicit(&total_count, 1, memory_order_relaxed);
    if (counting) thread_count += 1;
}

void *malloc(size_t size) {
    note_allocation();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    note_allocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    note_allocation();
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    note_allocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    note_allocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    note_allocation();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

void allocation_counter_start(void) {
    thread_count = 0;
    counting = 1;
}

long allocation_counter_stop(void) {
    counting = 0;
    return thread_count;
}

long allocation_counter_total(void) {
    return atomic_load_explicit(&total_count, memory_order_relaxed);
}

#else

void allocation_counter_start(void) {}
long allocation_counter_stop(void) { return 0; }
long allocation_counter_total(void) { return 0; }

#endif
