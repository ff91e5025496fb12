"""The prepbot Textual app: screens on top of one `Service` (bank, matcher, interviews, store)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.command import Provider
from textual.timer import Timer

from prepbot.errors import ServiceError
from prepbot.service import Conversation, Service
from prepbot.textsafe import safe
from prepbot.tui import autosave
from prepbot.tui.typeahead import KeysInOrderApp

READING_SWITCH_INTERVAL = 0.001  # seconds: see _start_reading_bank
EXIT_AT_MOST = 6.0  # seconds from SIGTERM/SIGHUP to the end of the process, whatever the loop is doing


def tune_allocator() -> None:
    from prepbot.tui.memory import tune_allocator

    tune_allocator()


def unpin_styles_caches() -> None:
    from prepbot.tui.memory import unpin_styles_caches

    unpin_styles_caches()


def system_commands() -> type[Provider]:
    from prepbot.tui.palette import SystemCommands

    return SystemCommands


class PrepbotApp(KeysInOrderApp):  # keys typed ahead reach the screen they open: see typeahead.py
    TITLE = "prepbot"
    CSS_PATH = "prepbot.tcss"
    COMMANDS = {lambda: system_commands()}  # Textual's own, after the screen's (see palette.py)
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False)]

    def __init__(self, service: Service, cursor_blink: bool = True):
        super().__init__()
        unpin_styles_caches()  # the widgets the chat log lets go take their rendered lines with them: see memory.py
        self.service = service
        self.cursor_blink = cursor_blink  # False: a steady text cursor (calmer, and stable in snapshots)
        self.unsaved: list[Conversation] = []  # chats closed with notes the disk would not take
        self._retry: Timer | None = None
        self._quit_warned = False
        self._quitting = False
        self.last_export_folder: Path | None = None  # where the last export went, offered again for this session
        self.own_bank_path = ""  # the bank file the candidate last saved an own question to
        self.bank_error: Exception | None = None  # the question bank could not be read (the app has ended)
        self._after_bank: list[Callable[[], object]] = []  # actions waiting for the bank to be read
        self._switch_interval = sys.getswitchinterval()

    def apply_cursor_blink(self, screen) -> None:
        """Give every text field of `screen` the app's cursor blink setting."""
        for field in screen.query("Input, TextArea"):
            field.cursor_blink = self.cursor_blink

    def on_mount(self) -> None:
        from prepbot.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.service))
        # After the first frame (ctypes: ~4 ms), before the bank's and the classifier's threads: see memory.py
        self.call_after_refresh(tune_allocator)
        if not self.service.catalogue_ready:  # the home screen is drawn first, then the bank read
            self.call_after_refresh(self._start_reading_bank)
        else:
            self.call_after_refresh(collect_garbage_again)
        if not self.is_headless:  # a real terminal (tests run headless and keep their own handlers)
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(AttributeError, RuntimeError, ValueError):  # no such signal here
                    signal.signal(signum, partial(self._signalled, loop))
        if self.service.store.recovered_from:
            self.notify(
                f"Your database was damaged. It was moved to {safe(self.service.store.recovered_from)} and a new one started.",
                title="Database recovered",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def on_unmount(self) -> None:
        # The app's last message, after every screen has closed (and saved): close the database, or
        # its -wal and -shm stay beside it after prepbot has ended.
        with contextlib.suppress(Exception):  # (closing what could not be opened properly: nothing to keep)
            self.service.close()

    # -- the question bank, read in a thread after the first screen is drawn

    def with_bank(self, action: Callable[[], object]) -> None:
        """Run `action` now if the question bank has been read, else as soon as it has; the keys
        typed meanwhile wait for it too (they are meant for what it opens), and the home screen
        says what it is waiting for."""
        if self.service.catalogue_ready:
            action()
            return
        if not self._after_bank:
            self.hold_keys()
        self._after_bank.append(action)
        self._show_bank_state()

    def _start_reading_bank(self) -> None:
        # A daemon thread, not a Textual worker: those run in asyncio's default executor, which the
        # end of `App.run` waits for, so that quitting during the read would wait for the bank.
        # While it runs, the GIL changes hands every 1 ms instead of 5: the screen (and Ctrl+Q, see
        # typeahead.py) each wait for it many times over, and would wait 5 ms each time.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, READING_SWITCH_INTERVAL))
        threading.Thread(target=self._read_bank, name="prepbot-bank", daemon=True).start()

    def _read_bank(self) -> None:  # in its own thread
        try:
            self.service.load_catalogue()
        except Exception as exc:  # a damaged bank (BankError), or a bug: shown as one line after exit
            error: Exception | None = exc
        else:
            error = None
        finally:
            sys.setswitchinterval(self._switch_interval)  # (here: also when the app has ended meanwhile)
        if self.is_running:  # else the app ended meanwhile (Ctrl+Q does not wait for the bank)
            with contextlib.suppress(RuntimeError):  # ... or is ending now
                self.call_from_thread(self._bank_done, error)

    def _bank_done(self, error: Exception | None) -> None:
        collect_garbage_again()
        if error is not None:
            self.bank_error = error  # raised again by the tui command: "prepbot: error: invalid bank: ...", exit 2
            self._after_bank.clear()
            self.exit(return_code=2)
            return
        waiting, self._after_bank = self._after_bank, []
        self._show_bank_state()
        for action in waiting:
            action()
        if waiting:
            self.call_later(self.release_keys)  # the keys typed meanwhile go on, to what the actions opened

    def _show_bank_state(self) -> None:
        from prepbot.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.bank_state(waiting=bool(self._after_bank))

    def action_command_palette(self) -> None:
        from prepbot.tui.palette import PrepbotCommandPalette

        if self.use_command_palette and not PrepbotCommandPalette.is_open(self):
            self.push_screen(PrepbotCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        from prepbot.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def export_interview(self, interview) -> None:
        from prepbot.tui.screens.export import ExportScreen

        def done(path) -> None:
            if path is not None:
                self.notify(f"Saved the report to {safe(path)}", title="Exported", timeout=8, markup=False)

        self.push_screen(ExportScreen(self.service, interview, self.last_export_folder), done)

    # -- notes that could not be saved (a full disk): kept, retried, never silently dropped

    def keep_unsaved(self, conversation: Conversation) -> None:
        """A chat closed while its notes could not be saved: keep them here and keep retrying."""
        if conversation not in self.unsaved:
            self.unsaved.append(conversation)
        if self._quitting or self.return_code is not None or not self.is_running:
            return  # the app is closing: action_quit has warned, and printed the notes
        self.notify(
            "Your notes are kept in memory and prepbot keeps trying to save them. Free some disk space before you quit.",
            title="Not saved",
            severity="error",
            timeout=15,
            markup=False,
        )
        if self._retry is None:
            self._retry = self.set_interval(autosave.RETRY_SAVE_EVERY, self.retry_unsaved)

    def retry_unsaved(self) -> None:
        for conversation in list(self.unsaved):
            try:
                result = conversation.save_all()
            except ServiceError:
                continue
            self.unsaved.remove(conversation)
            self.notify(result.message or "Your notes are saved now.", title="Saved", timeout=5, markup=False)
        if not self.unsaved and self._retry is not None:
            self._retry.stop()
            self._retry = None

    def unsaved_notes(self) -> list[Conversation]:
        """Conversations whose notes are still not on disk after one more try."""
        from prepbot.tui.screens.chat import ChatScreen

        self.retry_unsaved()
        open_chats = [s for s in self.screen_stack if isinstance(s, ChatScreen)]
        return [s.conversation for s in open_chats if s.unsaved and not s.save_now()] + self.unsaved

    def _signalled(self, loop: asyncio.AbstractEventLoop, signum: int, _frame: object) -> None:
        """A Python-level handler (not the loop's): it runs even when the loop is stuck, as when the
        terminal has closed under a long paste and Textual's writer waits forever on it. The loop
        saves and exits (end_by_signal); if it has not ended the process within EXIT_AT_MOST seconds,
        this ends it."""
        loop.call_soon_threadsafe(self.end_by_signal, signum)
        guard = threading.Timer(EXIT_AT_MOST, os._exit, (128 + signum,))
        guard.daemon = True
        guard.start()

    def end_by_signal(self, signum: int) -> None:
        """SIGTERM, or SIGHUP (the terminal closed, `tmux kill-session`): save what was typed, even a
        keystroke ago, then exit through Textual so that the terminal is restored. Notes that will not
        save are printed after exit, as with a second Ctrl+Q."""
        self.run_worker(self._end_by_signal(signum), group="signal", exclusive=True)

    async def _end_by_signal(self, signum: int) -> None:
        # Keys typed before the signal may still be on their way to the editor (the signal jumps the
        # queue, and a busy machine is slow): wait until the editors' text has held still for 0.3 s,
        # at most two seconds.
        typed, still = self._typed(), 0
        for _ in range(40):
            await asyncio.sleep(0.05)
            now = self._typed()
            still = still + 1 if now == typed else 0
            typed = now
            if still >= 6:
                break
        unsaved = self.unsaved_notes()
        self._quitting = True
        # A terminal that hung up cannot be written to, and Textual's exit can wait on it forever:
        # everything is saved by now, so end the process if the exit has not within two seconds.
        guard = threading.Timer(2.0, os._exit, (128 + signum,))
        guard.daemon = True
        guard.start()
        self.exit(return_code=128 + signum, message=unsaved_report(unsaved) if unsaved else None)

    def _typed(self) -> tuple[str, ...]:
        from textual.widgets import TextArea

        return tuple(area.text for screen in self.screen_stack for area in screen.query("#note").results(TextArea))

    async def action_quit(self) -> None:
        """Quit; with unsaved notes, warn first and on a second Ctrl+Q print them in the terminal."""
        unsaved = self.unsaved_notes()
        if unsaved and not self._quit_warned:
            self._quit_warned = True
            self.notify(
                "Your notes are not saved (is the disk full?). Free some space and prepbot saves them; "
                "press Ctrl+Q again to quit anyway, and the notes are printed in the terminal.",
                title="Not saved",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        self._quitting = True
        self.exit(message=unsaved_report(unsaved) if unsaved else None)


def collect_garbage_again() -> None:
    """`prepbot tui` starts with the garbage collector off (cli/app.py): importing Textual, drawing the
    first screen and reading the bank make ~145,000 tracked objects that stay and a few hundred that are
    garbage, so its passes over them cost 15-30 ms before the first frame and slowed the bank's read.
    Once both are done, what exists is frozen (never scanned again: the passes stay cheap) and it is on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def unsaved_report(conversations: list[Conversation]) -> Text:
    """The notes that could not be saved, printed after the app exits so that they are not lost."""
    lines = ["prepbot: these notes could not be saved; copy them somewhere safe:"]
    for conversation in conversations:
        interview = conversation.interview
        lines.append(f"\n== {interview.company} ({interview.date}) ==")
        for number, question in enumerate(conversation.questions, 1):
            note = interview.answer_for(question.id).note
            if note.strip():
                lines += [f"Q{number}. {question.ask}", note, ""]
    return Text(safe("\n".join(lines)))
