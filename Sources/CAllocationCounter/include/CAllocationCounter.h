#ifndef CALLOCATION_COUNTER_H
#define CALLOCATION_COUNTER_H

/// Counts heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by the calling
/// thread between start and stop. Linked into a test or benchmark process, it replaces the allocator entry points
/// with thin wrappers over glibc's own (Linux only; elsewhere nothing is counted).

/// Resets the calling thread's count and starts counting.
void allocation_counter_start(void);
/// Stops counting and returns the number of allocations the calling thread made since start.
long allocation_counter_stop(void);
/// Allocations made by every thread since the process started.
long allocation_counter_total(void);

#endif
