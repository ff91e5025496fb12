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

And one mend to Textual (`unpin_styles_caches`, when the app is made): its `StylesCache.get_inner_outer`
(the two background styles of a widget's lines) is an `lru_cache` on a method, so the cache's keys hold
every widget's StylesCache, with the lines it rendered, for the next 1024 widgets or colour pairs
(Textual issue 6665). The chat log lets the widgets of older messages go; their rendered lines stayed:
~7 MiB by the end of bench.startup's 40-question interview.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

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


def unpin_styles_caches() -> bool:
    """Key Textual's `StylesCache.get_inner_outer` cache on its two colours alone, not on the widget's
    StylesCache too (the method never reads it: its first parameter is named `cls`, as if the class
    were meant). Same styles out; a widget's rendered lines go with the widget. True when mended
    now; False when already done, or when Textual's method is no longer the lru_cache read here."""
    try:
        from textual._styles_cache import StylesCache
    except ImportError:
        return False
    cached = vars(StylesCache).get("get_inner_outer")
    method: Any = getattr(cached, "__wrapped__", None)
    code = getattr(method, "__code__", None)
    if not hasattr(cached, "cache_clear") or code is None or code.co_varnames[:3] != ("cls", "base_background", "background"):
        return False
    by_colours = functools.lru_cache(maxsize=1024)(functools.partial(method, StylesCache))

    def get_inner_outer(self: object, base_background: object, background: object) -> object:
        return by_colours(base_background, background)

    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[assignment,method-assign]
    return True
