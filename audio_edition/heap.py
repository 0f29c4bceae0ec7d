"""The C heap of a build, set to keep and reuse the blocks it frees.

Mastering makes and drops arrays of megabytes for every segment (its samples,
their K-weighting by FFT). By default glibc gives each such block back to the
kernel when it is freed and maps a new one for the next, whose every page the
kernel then zeroes again: about a second of system time for every ten short
articles. Kept in the heap, they are reused."""
from __future__ import annotations

import ctypes

#: glibc's mallopt parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: blocks up to this size come from the heap (glibc's largest allowed threshold)
HEAP_BLOCKS = 32 << 20
#: free memory at the heap's top kept for reuse, at most
KEEP_FREED = 64 << 20


def keep_freed_blocks() -> None:
    """Set this process's heap (and that of processes forked from it) to reuse
    freed blocks; nothing where the C library is not glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, HEAP_BLOCKS)
    mallopt(_M_TRIM_THRESHOLD, KEEP_FREED)
