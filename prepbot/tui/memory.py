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

Once the classifier has loaded, `drop_runtime_pages` lets the system take back the pages of its runtime's
libraries that the load read once (onnxruntime's session build, numpy's start): clean pages of read-only
file mappings, which stay in the system's file cache; what a later run needs is mapped again, unchanged.
~20 MiB of the process's resident size (bench.startup's journey: 146 -> ~133 MiB at its peak, which is
now the load itself).
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


MADV_DONTNEED = 4  # Linux's mman.h
RUNTIME_PACKAGES = ("onnxruntime", "tokenizers", "numpy")  # the classifier's runtime (numpy: onnxruntime's arrays)


def drop_runtime_pages() -> int:
    """Let the system take back the pages of the classifier runtime's libraries that loading it read once
    (onnxruntime's session build, the tokenizer's JSON reader, numpy's start): KiB let go, 0 elsewhere.

    Only clean pages of read-only private mappings of those packages' own files (code and constants: a
    mapping holding any page of its own, a written copy, is left alone). Such a page is the file's page
    in the system's cache, mapped here: dropped from this process, it stays in that cache, and a later
    use maps it again (a minor fault, ~10 MiB of them in the classifier's first runs), exactly as it
    was. The process's own memory (anonymous: the model's tensors, Python's objects) is not touched.
    Call it once the classifier has loaded (from a worker thread: reading /proc/self/smaps takes a few ms).
    """
    if not sys.platform.startswith("linux"):
        return 0
    import os

    folders = []
    for name in RUNTIME_PACKAGES:
        module = sys.modules.get(name)
        origin = getattr(module, "__file__", None)
        if origin:
            folder = os.path.dirname(os.path.realpath(origin))
            folders += [folder + os.sep, folder + ".libs" + os.sep]  # numpy.libs: its OpenBLAS
    if not folders:
        return 0
    try:
        import ctypes

        madvise = ctypes.CDLL(None).madvise
        with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
            lines = smaps.read().splitlines()
    except (OSError, AttributeError):
        return 0
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    mappings: list[tuple[int, int, bool, int, int]] = []  # start, end, wanted, rss, anonymous
    for line in lines:
        head, _, rest = line.partition(" ")
        if not head.endswith(":"):  # a mapping's first line: range, permissions, offset, device, inode, path
            fields = rest.split(None, 4)
            low, _, high = head.partition("-")
            path = fields[4] if len(fields) > 4 else ""
            perms = fields[0] if fields else ""
            wanted = len(perms) == 4 and perms[1] == "-" and perms[3] == "p" and path.startswith(tuple(folders))
            try:
                mappings.append((int(low, 16), int(high, 16), wanted, 0, -1))
            except ValueError:
                return 0  # not the smaps this reads
        elif mappings and head in ("Rss:", "Anonymous:"):
            first, last, wanted, rss, anonymous = mappings[-1]
            value = int(rest.split()[0]) if rest.split() else -1
            mappings[-1] = (first, last, wanted, value, anonymous) if head == "Rss:" else (first, last, wanted, rss, value)
    dropped = 0
    for start, end, wanted, rss, anonymous in mappings:
        if wanted and rss > 0 and anonymous == 0 and madvise(start, end - start, MADV_DONTNEED) == 0:
            dropped += rss
    return dropped
