"""A long text's sentences read in two processes: the later part in a fork, the earlier here.

Each sentence's reading (`Matcher.reading`) depends on that sentence alone; every rule that looks
across sentences (neighbours.py: then and now, a topic and its answer, advice, "in name only" in the
next sentence; a question handing its words on) runs afterwards in this process, on all the
readings in text order. So the cut between the two parts can fall between any two pieces and the
readings are the same as one process would make (bench: the readings of 200 KB dumped both ways).

Only for long texts (FORK_MIN_CHARS) and only where a fork is safe: on Linux, while this process
runs one thread (a fork copies only the thread that forks; a lock another thread held would stay
held). The TUI runs threads, so its keystroke path never forks. The child holds no result of its
own: down a pipe it sends its readings, the advice it found (as `_compute` would have remembered
it) and what each sentence says as a topic and its answer (as `_topic_info` would have: per
sentence too, and costly on short answers), then ends with `os._exit` (no `atexit` handler, no
flush of the parent's buffers). Anything amiss in the child (it died, sent nothing, sent garbage)
and the parent reads those sentences itself: the readings never depend on the fork.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import TYPE_CHECKING

from prepbot.matching.reading import Hit, Reading
from prepbot.matching.threads import can_fork

if TYPE_CHECKING:
    from prepbot.matching.engine import Matcher

FORK_MIN_CHARS = 64 * 1024
# The fork's share of the text: this process also runs the classifier's thread and the rules across
# sentences afterwards, so the child takes a little more than half.
CHILD_SHARE = 0.55


class LaterHalf:
    """The readings of pieces[cut:], read by a forked child; `get` waits for them."""

    def __init__(self, matcher: "Matcher", pieces: list[tuple[int, str]], cut: int) -> None:
        self.cut = cut
        self._matcher = matcher
        self._sentences = [sentence for _, sentence in pieces[cut:]]
        self._readings: list[Reading] | None = None
        self._pid = 0
        self._fd = -1
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read, send, end
            code = 1
            try:
                os.close(read_end)
                readings = [matcher.reading(sentence) for sentence in self._sentences]
                # ...and the advice each gives and what each says as a topic and its answer (neighbours.py)
                advice, topics = matcher.sentence_caches(self._sentences)
                data = pickle.dumps(([_as_row(r) for r in readings], advice, topics), protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid, self._fd = pid, read_end

    def get(self, index: int) -> Reading:
        """The reading of pieces[index] (index >= cut)."""
        if self._readings is None:
            self._readings = self._receive()
        return self._readings[index - self.cut]

    def _receive(self) -> list[Reading]:
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        finally:
            self.close(kill=False)  # it sent all it had (or died)
        matcher = self._matcher
        try:
            rows, advice, topics = pickle.loads(b"".join(chunks))
            if len(rows) != len(self._sentences) or len(advice) != len(rows) or len(topics) != len(rows):
                raise ValueError("a part is missing")
            readings = [_from_row(row) for row in rows]
        except Exception:  # the child died or sent garbage: read them here
            return [matcher.reading(sentence) for sentence in self._sentences]
        matcher.learn_sentences(self._sentences, readings, advice, topics)
        return readings

    def close(self, kill: bool = True) -> None:
        """Close the pipe and reap the child (`kill`: first ended, when its readings were not taken)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid:
            if kill:
                try:
                    os.kill(self._pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0


@contextmanager
def gc_paused(length: int) -> Iterator[None]:
    """For a long text (FORK_MIN_CHARS), the cyclic garbage collector paused while it is matched: it
    costs ~10% of the time there, walking the many small objects a long text's readings keep alive,
    and the matcher makes almost no reference cycles (refcounting frees the rest). Switched back on
    after, when it was on."""
    pause = length >= FORK_MIN_CHARS and gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.enable()


def later_half(matcher: "Matcher", pieces: list[tuple[int, str]], length: int) -> LaterHalf | None:
    """The later part of a long text's pieces read in a fork, or None (short text, or no fork here)."""
    if length < FORK_MIN_CHARS or len(pieces) < 2 or not can_fork():
        return None
    try:
        return LaterHalf(matcher, pieces, cut_of(pieces, length))
    except OSError:  # no fork or no pipe to be had: one process reads it all
        return None


def cut_of(pieces: list[tuple[int, str]], length: int) -> int:
    """The first piece the child reads: the one where its share of the characters begins."""
    target = pieces[0][0] + (length - pieces[0][0]) * (1 - CHILD_SHARE)
    cut = next((i for i, (offset, _) in enumerate(pieces) if offset >= target), len(pieces) - 1)
    return max(cut, 1)


# A reading goes down the pipe as a tuple of its fields (its hits as tuples of theirs): a third of the
# bytes of the dataclasses pickled as such, and quicker both ways.
_READING_FIELDS = tuple(f.name for f in fields(Reading))[1:]  # after `hits`
_HIT_FIELDS = tuple(f.name for f in fields(Hit))


def _as_row(reading: Reading) -> tuple:
    return (
        tuple(tuple([getattr(hit, name) for name in _HIT_FIELDS]) for hit in reading.hits),
        *[getattr(reading, name) for name in _READING_FIELDS],
    )


def _from_row(row: tuple) -> Reading:
    return Reading(tuple([Hit(*hit) for hit in row[0]]), *row[1:])
