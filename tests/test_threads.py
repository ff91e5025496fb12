"""Background threads leave Ctrl-C, SIGTERM and SIGHUP to the main thread (prepbot.matching.threads)."""

from __future__ import annotations

import signal
import threading

import pytest

from prepbot.matching import threads

pytestmark = pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no per-thread signal masks here")


def _mask() -> set[int]:
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_a_background_thread_blocks_the_signals_the_main_thread_must_get():
    seen: list[set[int]] = []
    before = _mask()
    threads.start(threading.Thread(target=lambda: seen.append(_mask()))).join()
    assert {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} <= seen[0]
    assert _mask() == before  # the thread that started it still takes them
