"""The Autosaver on its own: a clock turned by hand and a write that can be made to fail."""

from __future__ import annotations

from prepbot.errors import DiskFullError, ServiceError
from prepbot.service import SaveResult
from prepbot.tui.autosave import Autosaver, SaveState


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Disk:
    """Records every write; raises `error` while it is set."""

    def __init__(self) -> None:
        self.writes: list[bool] = []
        self.error: ServiceError | None = None

    def __call__(self, everything: bool) -> SaveResult:
        self.writes.append(everything)
        if self.error is not None:
            raise self.error
        return SaveResult()


def make() -> tuple[Autosaver, Clock, Disk]:
    clock, disk = Clock(), Disk()
    return Autosaver(disk, clock=clock, delay=0.5, retry_every=3.0), clock, disk


def test_a_save_is_due_half_a_second_after_the_last_keystroke():
    saver, clock, disk = make()
    assert not saver.unsaved and not saver.due() and saver.seconds_to_next() is None
    saver.typed()
    assert saver.state is SaveState.PENDING and saver.unsaved
    clock.now += 0.4
    saver.typed()  # another keystroke pushes the save back
    clock.now += 0.4
    assert not saver.due()
    clock.now += 0.1
    assert saver.due()
    event = saver.save()
    assert event.state is SaveState.SAVED and not event.recovered and event.failure is None
    assert disk.writes == [False]  # the current note only
    assert not saver.unsaved and not saver.due()


def test_a_failed_write_is_said_once_retried_on_a_rhythm_and_writes_everything_when_it_works():
    saver, clock, disk = make()
    disk.error = DiskFullError("database or disk is full")
    saver.typed()
    clock.now += 0.5
    first = saver.save()
    assert first.state is SaveState.FAILED and first.failure is not None and "disk is full" in first.failure
    assert saver.failure == first.failure and saver.unsaved
    assert not saver.due() and saver.seconds_to_next() == 3.0
    clock.now += 3.0
    assert saver.due()
    again = saver.save()
    assert again.state is SaveState.FAILED and again.failure is None  # not said a second time
    saver.typed()  # a keystroke is another try, sooner than the rhythm
    assert saver.state is SaveState.FAILED and saver.seconds_to_next() == 0.5
    disk.error = None
    clock.now += 0.5
    done = saver.save()
    assert done.state is SaveState.SAVED and done.recovered
    assert disk.writes == [False, True, True]  # after a failure: every answer, not just the current one
    assert saver.failure is None and not saver.unsaved


def test_another_failure_reason_is_said_and_a_later_failure_after_a_success_is_said_again():
    saver, clock, disk = make()
    disk.error = DiskFullError("full")
    assert saver.save().failure is not None
    disk.error = ServiceError("database is locked")
    locked = saver.save()
    assert locked.failure is not None and "database is locked" in locked.failure
    disk.error = None
    assert saver.save().recovered
    disk.error = DiskFullError("full")
    assert saver.save().failure is not None  # a new failure after a success is news again


def test_a_failure_message_shows_control_characters_as_escapes():
    saver, _, disk = make()
    disk.error = ServiceError("bad \x1b[2J name")
    failure = saver.save().failure
    assert failure is not None and "\x1b" not in failure and "\\x1b[2J" in failure
