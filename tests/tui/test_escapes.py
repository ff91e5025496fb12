"""Escape sequences in a company name or a note reach the real terminal as text, never as commands.

Textual passes a raw ESC in widget text through to the terminal, so this runs prepbot in a pty
and reads the bytes it writes.
"""

from __future__ import annotations

import os
import time

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import Store
from prepbot.tui.text import control_pictures, one_line
from tests.tui.test_crash_safety import Terminal, wait_for

COMPANY = "Acme \x1b]0;pwned\x07 \x1b]2;also\x07 \x1b[31mRED \x9b32mC1"
NOTE = "note \x1b]52;c;Zm9v\x07 \x1b[2J end"


def test_company_and_notes_are_shown_escaped_in_the_terminal(private_home):
    interview = start_interview(load_catalogue().bank, COMPANY, "Dev", "2026-12-01")
    interview.set_note(interview.question_ids[0], NOTE)  # in the conversation log
    interview.set_note(interview.question_ids[1], NOTE)  # in the editor
    interview.move_to(1)
    Store().save(interview)

    terminal = Terminal({**os.environ, "PREPBOT_HOME": str(private_home), "TERM": "xterm-256color"})
    try:
        wait_for(lambda: b"Acme" in terminal.output)
        time.sleep(0.5)
        terminal.key(b"\r")  # open it: the progress line, the log and the editor show it
        wait_for(lambda: terminal.output.count(b"Zm9v") >= 2)
        time.sleep(0.5)
        output = bytes(terminal.output)
    finally:
        terminal.kill()
    for raw in (b"\x1b]0;pwned", b"\x1b]2;also", b"\x1b[31mRED", b"\xc2\x9b", b"\x1b]52;", b"\x1b[2J end"):
        assert raw not in output, raw
    assert b"\\x1b]0;pwned\\x07" in output  # the home table and the progress line: visible escapes
    assert b"\\x1b]52;c;Zm9v" in output  # the note in the conversation log (Content drops the BEL itself)
    assert "␛]52;c;Zm9v␇".encode() in output  # the note in the editor: one picture per control


def test_helpers():
    assert one_line("a\x1b[2J\nb\x9b") == "a\\x1b[2J b\\x9b"
    assert control_pictures("a\x1b\tb\x07\x9b\n") == "a␛\tb␇\ufffd\n"
