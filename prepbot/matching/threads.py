"""Background threads that leave the process's signals to its main thread, and when a fork is safe.

A signal sent to the process (Ctrl-C's SIGINT, a closed terminal's SIGHUP, SIGTERM) goes to any
thread that does not block it. CPython runs its handlers only in the main thread, and when a
background thread catches the signal, the main thread may not notice it before it next switches
threads: `prepbot analyze` interrupted while it waits for its text could then read the end of the
text and exit 0 instead of 130. A thread started here blocks those signals (a new thread inherits
the mask of the one that starts it), so the kernel hands them to the main thread.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

_LEFT_TO_MAIN = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}


def start(thread: threading.Thread) -> threading.Thread:
    """Start `thread` with SIGINT, SIGTERM and SIGHUP blocked in it (where threads have signal masks)."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # Windows: no per-thread masks
        thread.start()
        return thread
    previous = mask(signal.SIG_BLOCK, _LEFT_TO_MAIN)
    try:
        thread.start()
    finally:
        mask(signal.SIG_SETMASK, previous)
    return thread


def can_fork() -> bool:
    """Whether this process can be forked safely: on Linux, while it runs one thread (a fork copies
    only the thread that forks; a lock another thread held would stay held in the child)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
