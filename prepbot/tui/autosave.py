"""When the note being typed reaches the disk: the chat's save state machine, without Textual.

The chat tells the `Autosaver` that the note changed (`typed`), asks it whether a save is due
(`due`, on a timer), and has it write (`save`). It owns the timing (the clock is passed in, so
tests drive it by hand), the retries while writes fail (a full disk), and what is worth telling
the user, once, when the state changes: it returns that as a `SaveEvent` for the one handler
that shows it. It never touches a widget. The app uses the same retry rhythm for the notes of
chats closed while the disk was full.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from prepbot.errors import DiskFullError, ServiceError
from prepbot.service import SaveResult
from prepbot.textsafe import safe

AUTOSAVE_DELAY = 0.5  # seconds after the last keystroke; the promise to users is "within a second"
RETRY_SAVE_EVERY = 3.0  # seconds between attempts while notes could not be saved (a full disk)


class SaveState(StrEnum):
    SAVED = "saved"  # what is typed is on disk
    PENDING = "pending"  # typed since the last save; a save is due `delay` after the last keystroke
    FAILED = "failed"  # the last write failed: kept in memory, retried every `retry_every` seconds


@dataclass(frozen=True)
class SaveEvent:
    """What one save did, for the handler that tells the user (falsy fields: nothing to say)."""

    state: SaveState
    failure: str | None = None  # the write failed, for a reason not said before: say it
    recovered: bool = False  # saved after failures: say so, and remove the status line
    result: SaveResult | None = None  # what the store did besides saving (a conflict, a recreated file)


def failure_message(exc: Exception) -> str:
    if isinstance(exc, DiskFullError):
        return "The disk is full: your notes are not saved yet. They stay here; prepbot retries every few seconds."
    return f"Not saved: {safe(exc, keep_layout=False)}. Your notes stay here; prepbot retries every few seconds."


class Autosaver:
    """`write(everything)` writes the note (and the position); with everything=True every answer of
    the interview (after a failure, notes typed meanwhile may be under other questions)."""

    def __init__(
        self,
        write: Callable[[bool], SaveResult],
        clock: Callable[[], float] = time.monotonic,
        delay: float = AUTOSAVE_DELAY,
        retry_every: float | None = None,
    ):
        self.write = write
        self.clock = clock
        self.delay = delay
        self.retry_every = RETRY_SAVE_EVERY if retry_every is None else retry_every
        self.state = SaveState.SAVED
        self.failure: str | None = None  # why the notes are not saved (the status line shown), or None
        self._due: float | None = None

    @property
    def unsaved(self) -> bool:
        return self.state is not SaveState.SAVED

    def typed(self) -> None:
        """The note changed: save `delay` from now (after a failure too: a keystroke is another try)."""
        if self.state is SaveState.SAVED:
            self.state = SaveState.PENDING
        self._due = self.clock() + self.delay

    def due(self) -> bool:
        return self._due is not None and self.clock() >= self._due

    def seconds_to_next(self) -> float | None:
        """Seconds until the next save is due (0 when overdue), None when none is."""
        return None if self._due is None else max(0.0, self._due - self.clock())

    def save(self) -> SaveEvent:
        """Write now, whatever the state: nothing raises; the event says what changed."""
        everything = self.state is SaveState.FAILED
        try:
            result = self.write(everything)
        except ServiceError as exc:
            message = failure_message(exc)
            new = message != self.failure
            self.state, self.failure = SaveState.FAILED, message
            self._due = self.clock() + self.retry_every
            return SaveEvent(SaveState.FAILED, failure=message if new else None)
        recovered = self.state is SaveState.FAILED
        self.state, self.failure, self._due = SaveState.SAVED, None, None
        return SaveEvent(SaveState.SAVED, recovered=recovered, result=result)
