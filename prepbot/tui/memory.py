"""How the TUI's process asks glibc's malloc to hold memory: it runs for hours beside a loaded classifier.

Two settings, made once the first frame is drawn (before the bank and the classifier are read in threads):

- **a fixed mmap threshold** (128 KiB, glibc's own starting value). By default glibc raises the threshold
  to the size of each large block that is freed (up to 32 MiB), so that after the classifier's load frees
  the parsed model (blocks of several MiB) every later large block comes from the heap, where freed
  pages stay in the process. Fixed, a large block is its own mapping and goes back to the system when
  freed: the load's peak is ~10 MiB lower (bench.startup's journey: 149 instead of 159 MiB as the chat
  opens).
- **one malloc arena** instead of one per thread (up to 8 per core): the bank's reader, the classifier's
  workers and onnxruntime's threads each started an arena of their own, each keeping its freed pages
  (~2 MiB at the end of the 40-question journey). Python's small objects do not use malloc's arenas, and
  onnxruntime's tensors come from its own arena, so the lock they now share is rarely taken.

Elsewhere (not Linux, or a C library without `mallopt`) nothing is changed.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024
ARENAS = 1


def tune_allocator() -> bool:
    """Apply both settings; True when the C library took them."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_ARENA_MAX, ARENAS))
