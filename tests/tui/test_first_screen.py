"""The home screen is drawn before the question bank is read (issue 18 point 6): the bank is read in a
thread afterwards, and whatever needs it waits for it visibly, with the keys typed meanwhile."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from textual.widgets import DataTable, Input

from prepbot.bank import BankError
from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.service import Service
from prepbot.store import Store
from prepbot.tui.app import PrepbotApp
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.home import HomeScreen
from prepbot.tui.screens.new_interview import NewInterviewScreen


class SlowBank:
    """A catalogue loader that waits until the test lets it go on (a slow disk, a cold cache)."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.go = threading.Event()
        self.started = threading.Event()
        self.fail = fail

    def __call__(self):
        self.started.set()
        assert self.go.wait(20), "the test never let the bank be read"
        if self.fail is not None:
            raise self.fail
        return load_catalogue()


def app_reading(bank: SlowBank) -> PrepbotApp:
    return PrepbotApp(Service(bank, Store(), use_model=False), cursor_blink=False)


async def bank_read(pilot, bank: SlowBank) -> None:
    bank.go.set()
    for _ in range(200):  # read in a thread of its own (not a Textual worker): wait until it says so
        await pilot.pause(0.02)
        if pilot.app.service.catalogue_ready and not pilot.app._after_bank:
            break
    for _ in range(5):
        await pilot.pause()


async def test_the_home_screen_is_up_before_the_bank_is_read(tmp_path):
    bank = SlowBank()
    app = app_reading(bank)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.service.catalogue_ready
        assert bank.started.wait(5)  # read in a thread once the screen is drawn
        assert not app.screen.query_one("#reading").display  # nothing waits for it: nothing said
        await bank_read(pilot, bank)
        assert app.service.catalogue_ready


async def test_keys_typed_at_once_wait_for_the_bank_and_reach_the_form_it_opens():
    bank = SlowBank()
    app = app_reading(bank)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "A", "c", "m", "e")  # C on the home screen would be Compare
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)  # waiting, not frozen: the screen still draws
        assert home.query_one("#reading").display
        await bank_read(pilot, bank)
        assert isinstance(app.screen, NewInterviewScreen)
        assert app.screen.query_one("#company", Input).value == "Acme"
        assert not home.query_one("#reading").display
        app.screen.query_one("#minutes", Input).value = ""
        await pilot.press("ctrl+s")
        for _ in range(5):
            await pilot.pause()
        chat = app.screen
        assert isinstance(chat, ChatScreen)  # the interview opens with its questions
        assert len(chat.questions) >= 10
        assert chat.interview.company == "Acme"


@pytest.mark.parametrize("quit_key", ["ctrl+q", "ctrl+c"])
async def test_quitting_while_keys_wait_for_the_bank_does_not_wait_for_it(quit_key):
    bank = SlowBank()
    app = app_reading(bank)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("n", "A", "c")  # waiting for the bank: these keys are held
            await pilot.pause()
            assert app.screen.query_one("#reading").display
            await pilot.press(quit_key)
            for _ in range(20):
                await pilot.pause(0.05)
                if app.return_code is not None:
                    break
            assert app.return_code == 0  # quit, the bank still unread
            assert not app.service.catalogue_ready
            assert not isinstance(app.screen, NewInterviewScreen)
    finally:
        bank.go.set()


async def test_ctrl_q_in_the_same_burst_as_the_key_that_waits_for_the_bank_quits_at_once():
    from textual import events

    bank = SlowBank()
    app = app_reading(bank)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for key, char in (("n", "n"), ("x", "x"), ("ctrl+q", None)):  # one read from the terminal
                app.post_message(events.Key(key, char))
            for _ in range(20):
                await pilot.pause(0.05)
                if app.return_code is not None:
                    break
            assert app.return_code == 0
            assert not app.service.catalogue_ready
    finally:
        bank.go.set()


QUIT_DURING_THE_READ = """
import asyncio, threading
from prepbot.service import Service
from prepbot.store import Store
from prepbot.tui.app import PrepbotApp

def never():  # a bank that takes forever to read
    threading.Event().wait()

async def main():
    app = PrepbotApp(Service(never, Store(), use_model=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "x")
        await pilot.press("ctrl+q")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.return_code is not None:
                break
    print("quit", app.return_code)

asyncio.run(main())
"""


def test_the_process_ends_while_the_bank_is_still_being_read():
    """The bank is read in a thread the end of the process does not wait for."""
    done = subprocess.run([sys.executable, "-c", QUIT_DURING_THE_READ], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "quit 0"


async def test_a_saved_interview_is_listed_at_once_and_its_counts_follow():
    catalogue = load_catalogue()
    interview = start_interview(catalogue.bank, company="Initech", persona="engineer", minutes=30)
    interview.answer_for(interview.question_ids[0]).note = "Nobody reviews code; we push straight to prod."
    Store().save(interview)
    bank = SlowBank()
    app = app_reading(bank)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[1].startswith("Initech") and row[4:6] == ["…", "…"]
        await pilot.press("enter")  # resume at once: waits for the bank, then opens the chat
        await bank_read(pilot, bank)
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.interview.company == "Initech"
        await pilot.press("escape")
        for _ in range(3):
            await pilot.pause()
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert int(row[4]) >= 1 and row[5] == "0"


async def test_a_damaged_bank_ends_the_app_with_its_error():
    bank = SlowBank(fail=BankError(["my.yaml:3:1: a question needs an 'ask'"]))
    app = app_reading(bank)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "x")  # waiting for the bank when it fails: no crash, no form
        bank.go.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if app.return_code is not None:
                break
        assert not isinstance(app.screen, NewInterviewScreen)
    assert app.return_code == 2
    assert isinstance(app.bank_error, BankError)


# -- a long paste from a terminal without bracketed paste: one key per character


async def test_a_long_note_typed_key_by_key_is_read_as_a_whole_once_the_keys_stop(make_app):
    from textual import events

    from prepbot.tui.widgets.flag_panel import FlagPanel
    from tests.tui.conftest import text_of
    from tests.tui.test_in_charge import saved, start

    filler = "We met the team in the morning and talked about the roadmap. "
    note = (filler * 170)[:9_900] + " nobody reviews code"  # the flag comes with the last keys
    assert len(note) >= 9_900
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await start(pilot)
        readings = []
        live_flags = chat.conversation.live_flags
        chat.conversation.live_flags = lambda text: readings.append(len(text)) or live_flags(text)  # type: ignore[method-assign]
        for char in note:  # posted all at once, as the terminal delivers them
            pilot.app.post_message(events.Key("space" if char == " " else char, char))
        for _ in range(200):
            await pilot.pause(0.05)
            if chat.query_one("#note").text == note and readings and readings[-1] == len(note):
                break
        assert chat.query_one("#note").text == note
        assert readings[-1] == len(note)  # the last reading is of the whole note, not a stale one
        assert len(readings) < len(note) // 20  # not once per key
        live = text_of(chat.query_one(FlagPanel).query_one("#live-flags"))
        assert "No code review" in live
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert saved(chat).answers[chat.questions[0].id].note == note  # saved whole


# -- memory: the chat log shows the last questions, not all of them


async def test_the_chat_log_mounts_the_last_messages_and_scrolling_back_shows_the_earlier_ones(make_app):
    from textual.widgets import Static, TextArea

    from prepbot.tui.widgets.chat_log import ChatLog
    from prepbot.tui.widgets.chat_message import ChatMessage
    from tests.tui.conftest import open_chat_with_every_question, text_of
    from tests.tui.test_in_charge import answer, saved

    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await open_chat_with_every_question(pilot)
        assert len(chat.questions) >= 20
        for n in range(20):
            await answer(pilot, chat, f"note number {n}: nobody reviews code")
        log = chat.query_one("#log", ChatLog)

        def shown() -> str:
            return "\n".join(text_of(m) for m in log.query_children(ChatMessage))

        assert len(log.query_children(ChatMessage)) == ChatLog.SHOWS  # the older ones are data, not widgets
        assert "note number 19" in shown()  # the latest are shown
        assert "note number 0:" not in shown()
        assert "scroll up" in text_of(log.query_one("#earlier", Static))
        # It sends the reader to what holds every note: the report (F3), not the summary (F2).
        assert "every note: F3, the report" in text_of(log.query_one("#earlier", Static))
        assert "F2" not in text_of(log.query_one("#earlier", Static))
        # Scrolling back to the top shows the earlier messages, a screenful at a time, down to the first.
        log.focus()
        for _ in range(10):
            await pilot.press("home")
            await pilot.pause()
            await pilot.pause()
            if not log.query_children("#earlier"):
                break
        assert "note number 0: nobody reviews code" in shown()
        assert "Q1 · " in shown()
        assert log.scroll_y < log.max_scroll_y  # still reading back: not thrown to the end
        # The next message lets the earlier widgets go again; the log is at its end.
        chat.query_one("#note", TextArea).focus()
        await answer(pilot, chat, "note number 20: standups take an hour")
        assert len(log.query_children(ChatMessage)) == ChatLog.SHOWS
        assert "note number 20" in shown() and "note number 0:" not in shown()
        stored = saved(chat)
        assert stored.answers[chat.questions[0].id].note == "note number 0: nobody reviews code"  # nothing lost
