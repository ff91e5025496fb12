"""The real TUI in a pseudo-terminal, killed with SIGKILL: every note typed before the last second survives."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import sys
import termios
import threading
import time

import pytest

from prepbot.store import Store


class Terminal:
    """prepbot running in a pty of 100x30; output is drained so the app never blocks on writes."""

    def __init__(self, env: dict):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal, then become prepbot
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.execvpe(sys.executable, [sys.executable, "-m", "prepbot"], env)
        self.output = bytearray()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def type(self, text: str, delay: float = 0.02) -> None:
        for char in text:
            os.write(self.fd, char.encode())
            time.sleep(delay)

    def key(self, sequence: bytes) -> None:
        os.write(self.fd, sequence)

    def screen_text(self, since: int = 0) -> str:
        """What the app drew after byte `since`, with the escape sequences taken out."""
        return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-B]", b"", bytes(self.output[since:])).decode(errors="replace")

    def shows(self, text: str, since: int = 0) -> bool:
        return text in self.screen_text(since)

    def type_until_shown(self, text: str, attempts: int = 5) -> None:
        """Type into a field that has just appeared, again if the app had not focused it yet.

        Keys that arrive while a screen is still being pushed can go nowhere (more often on a
        loaded machine), and the field stays empty: then the same text is typed once more.
        """
        for _ in range(attempts):
            mark = len(self.output)
            self.type(text)
            try:
                wait_for(lambda: self.shows(text, mark), timeout=3.0)  # noqa: B023 - used at once
                return
            except AssertionError:
                continue
        raise AssertionError(f"the app never showed {text!r}")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the app")


def note_saved(index: int, note: str) -> bool:
    """Whether the store holds `note` as the answer to the interview's question number `index`."""
    rows = Store().rows()
    if not rows:
        return False
    interview = Store().load(rows[0].id)
    answer = interview.answers.get(interview.question_ids[index])
    return answer is not None and answer.note == note


def test_sigkill_after_the_autosave_interval_loses_no_note(private_home):
    env = {**os.environ, "PREPBOT_HOME": str(private_home), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    terminal = Terminal(env)
    try:
        wait_for(lambda: b"interviews yet" in terminal.output)
        terminal.type("n")
        wait_for(lambda: b"Company" in terminal.output)
        terminal.type_until_shown("Zenith")  # the company's name
        terminal.key(b"\x13")  # Ctrl+S: start the interview
        wait_for(lambda: Store().rows() != [])
        wait_for(lambda: terminal.shows("Heard in this note"))  # the question screen is up
        mark = len(terminal.output)
        terminal.type("nobody reviews code")
        wait_for(lambda: terminal.shows("nobody reviews code", mark))  # the app has read the keys
        terminal.key(b"\x0e")  # Ctrl+N: next question
        wait_for(lambda: terminal.shows("· Q2/", mark))
        mark = len(terminal.output)
        terminal.type("standups take 45 minutes")
        # no key that saves, no exit: only the autosave can put the note in the store
        wait_for(lambda: note_saved(1, "standups take 45 minutes"))
    finally:
        terminal.kill()

    [row] = Store().rows()
    interview = Store().load(row.id)
    first, second = interview.question_ids[:2]
    assert interview.answers[first].note == "nobody reviews code"
    assert interview.answers[second].note == "standups take 45 minutes"
    assert interview.current == 1


def exited(pid: int, timeout: float = 15.0) -> int | None:
    """The exit status of `pid` once it ends within `timeout` seconds, else None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.1)
    return None


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "terminal closed"])
def test_sigterm_and_sighup_save_the_note_typed_just_before_and_restore_the_terminal(private_home, how):
    env = {**os.environ, "PREPBOT_HOME": str(private_home), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    terminal = Terminal(env)
    status = None
    try:
        wait_for(lambda: b"interviews yet" in terminal.output)
        terminal.type("n")
        wait_for(lambda: b"Company" in terminal.output)
        terminal.type_until_shown("Zenith")  # the company's name
        terminal.key(b"\x13")  # Ctrl+S: start the interview
        wait_for(lambda: Store().rows() != [])
        wait_for(lambda: terminal.shows("Heard in this note"))  # the question screen is up
        mark = len(terminal.output)
        terminal.type("standups take 45 minutes", delay=0.01)
        # the signal goes as soon as the app has drawn the note, well under the autosave delay:
        # only the signal's save can keep it
        wait_for(lambda: terminal.shows("standups take 45 minutes", mark), timeout=20.0)
        if how == "terminal closed":
            os.close(terminal.fd)  # the kernel sends SIGHUP to the session
        else:
            os.kill(terminal.pid, getattr(signal, how))
        status = exited(terminal.pid)
    finally:
        if status is None:
            terminal.kill()
    assert status is not None, "prepbot did not exit"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) in (128 + signal.SIGTERM, 128 + signal.SIGHUP)
    [row] = Store().rows()
    interview = Store().load(row.id)
    answer = interview.answers.get(interview.question_ids[0])
    assert answer is not None and answer.note == "standups take 45 minutes", (interview.answers, bytes(terminal.output[-1500:]))
    if how != "terminal closed":
        time.sleep(0.3)
        tail = bytes(terminal.output[-400:])
        assert b"\x1b[?1049l" in tail  # left the alternate screen: the terminal is given back
        os.close(terminal.fd)
