"""Keys typed right after a key that opens a screen reach that screen, in the order typed.

A terminal hands the app every key a fast typist (or a loaded machine, or `tmux send-keys`) has
queued in one read, before the app has dealt with the first. `burst` posts keys the same way: all
at once, with no pause between them, which is what Pilot's `press` does not do (it waits for the
app to go idle after every key). Each test then waits for what the user would see, and asserts it.
"""

from __future__ import annotations

import asyncio
import time

from textual import events
from textual.command import CommandPalette
from textual.containers import Vertical
from textual.keys import _character_to_key
from textual.widgets import DataTable, Input, TextArea

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.service import Service
from prepbot.store import Store
from prepbot.tui.app import PrepbotApp
from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.screens.compare import CompareScreen
from prepbot.tui.screens.confirm import ConfirmScreen
from prepbot.tui.screens.dialogs import NoteDialog, OwnQuestionDialog, ReasonDialog
from prepbot.tui.screens.home import HomeScreen
from prepbot.tui.screens.new_interview import NewInterviewScreen

NAMED = {"ctrl+s", "ctrl+n", "ctrl+f", "ctrl+l", "ctrl+p", "enter", "escape", "down", "f4", "f7", "tab", "space"}


def make_app() -> PrepbotApp:
    return PrepbotApp(Service(load_catalogue(), Store(), use_model=False), cursor_blink=False)


def key_events(*items: str) -> list[events.Key]:
    """Named keys ("ctrl+s") as they are, and every other item as the characters typed."""
    keys = []
    for item in items:
        if item in NAMED:
            keys.append(events.Key(item, " " if item == "space" else None))
            continue
        for char in item:
            keys.append(events.Key(char if char.isalnum() else _character_to_key(char), char))
    return keys


def burst(app: PrepbotApp, *items: str) -> None:
    """Hand the app all these keys at once, as the terminal driver does with keys read together."""
    for key in key_events(*items):
        key.set_sender(app)
        app.post_message(key)


async def until(pilot, check, timeout: float = 10.0) -> None:
    """Wait (a loaded machine is slow) until `check()` holds or the time is up; the caller asserts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        try:
            if check():
                break
        except Exception:  # the screen waited for is not there yet
            continue
    await pilot.pause(0.2)  # keys still on their way would land now: the assertion sees them


def field(app, selector: str, kind=Input) -> str:
    widget = app.screen.query_one(selector, kind)
    return widget.value if kind is Input else widget.text


async def open_chat(pilot, company: str = "Acme") -> ChatScreen:
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, NewInterviewScreen))
    pilot.app.screen.query_one("#company", Input).value = company
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, ChatScreen) and pilot.app.focused is not None)
    assert isinstance(pilot.app.screen, ChatScreen)
    return pilot.app.screen


# -- the home screen's N and the new-interview form


async def test_a_company_typed_right_after_n_arrives_whole():
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(pilot.app, "n", "Acme Corp?")
        await until(pilot, lambda: field(pilot.app, "#company") == "Acme Corp?")
        assert isinstance(pilot.app.screen, NewInterviewScreen)
        assert field(pilot.app, "#company") == "Acme Corp?"


async def test_enter_then_typing_at_once_fills_the_next_field():
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(pilot.app, "n", "Acme", "enter", "Backend dev")
        await until(pilot, lambda: field(pilot.app, "#role") == "Backend dev")
        assert (field(pilot.app, "#company"), field(pilot.app, "#role")) == ("Acme", "Backend dev")


async def test_the_first_note_typed_right_after_ctrl_s_lands_in_the_chat():
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(pilot.app, "n", "Acme", "ctrl+s", "they ship daily")
        await until(pilot, lambda: field(pilot.app, "#note", TextArea) == "they ship daily")
        assert isinstance(pilot.app.screen, ChatScreen)
        assert pilot.app.screen.interview.company == "Acme"
        assert field(pilot.app, "#note", TextArea) == "they ship daily"


# -- the chat: the next question's note, and the dialogs opened by a key


async def test_a_note_typed_right_after_ctrl_n_belongs_to_the_next_question():
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await open_chat(pilot)
        first, second = chat.questions[0].id, chat.questions[1].id
        one, two = "we release every week and nobody reviews code", "on call one week in six, and it is paid"
        burst(pilot.app, one, "ctrl+n", two, "ctrl+n")
        await until(pilot, lambda: chat.interview.current == 2)
        assert chat.interview.current == 2
        chat.save_now()
        answers = Store().load(chat.interview.id).answers
        assert (answers[first].note, answers[second].note) == (one, two)


async def test_ctrl_n_right_after_typing_waits_for_the_note_to_be_read(monkeypatch):
    """A machine under load: the editor's Changed messages (how the chat learns the note) come through
    late. Ctrl+N typed right after the note still finds all of it, and moves on only then."""

    async def late(self, event) -> None:
        await asyncio.sleep(0.02)

    monkeypatch.setattr(Vertical, "on_text_area_changed", late, raising=False)  # the note's column
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await open_chat(pilot)
        first, second = chat.questions[0].id, chat.questions[1].id
        burst(pilot.app, "nobody reviews code", "ctrl+n", "paid on call", "ctrl+n")
        await until(pilot, lambda: chat.interview.current == 2)
        assert chat.interview.current == 2
        chat.save_now()
        answers = Store().load(chat.interview.id).answers
        assert (answers[first].note, answers[second].note) == ("nobody reviews code", "paid on call")


async def test_text_typed_right_after_f7_lands_in_the_general_note():
    async with make_app().run_test(size=(100, 30)) as pilot:
        await open_chat(pilot)
        burst(pilot.app, "f7", "met the whole team")
        await until(pilot, lambda: field(pilot.app, "#general-note", TextArea) == "met the whole team")
        assert isinstance(pilot.app.screen, NoteDialog)
        assert field(pilot.app, "#general-note", TextArea) == "met the whole team"


async def test_a_question_typed_right_after_f4_lands_in_the_own_question_field():
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await open_chat(pilot)
        burst(pilot.app, "f4", "Do you ship on Fridays?")
        await until(pilot, lambda: field(pilot.app, "#own-ask") == "Do you ship on Fridays?")
        assert isinstance(pilot.app.screen, OwnQuestionDialog)
        assert field(pilot.app, "#own-ask") == "Do you ship on Fridays?"
        count = len(chat.questions)
        burst(pilot.app, "ctrl+s", "asked it")  # the dialog closes: the rest is the chat's note again
        await until(pilot, lambda: field(pilot.app, "#note", TextArea) == "asked it")
        assert pilot.app.screen is chat and len(chat.questions) == count + 1
        assert field(pilot.app, "#note", TextArea) == "asked it"


async def test_a_reason_typed_right_after_d_in_the_flags_lands_in_the_reason_field():
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await open_chat(pilot)
        chat.query_one("#note", TextArea).load_text("nobody reviews code")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: chat.interview.current == 1)
        burst(pilot.app, "ctrl+f", "d", "old team")
        await until(pilot, lambda: field(pilot.app, "#reason") == "old team")
        assert isinstance(pilot.app.screen, ReasonDialog)
        assert field(pilot.app, "#reason") == "old team"


async def test_a_question_typed_right_after_a_in_the_plan_lands_in_the_dialog():
    async with make_app().run_test(size=(100, 30)) as pilot:
        await open_chat(pilot)
        burst(pilot.app, "ctrl+l", "a", "Who is on call?")
        await until(pilot, lambda: field(pilot.app, "#own-ask") == "Who is on call?")
        assert isinstance(pilot.app.screen, OwnQuestionDialog)
        assert field(pilot.app, "#own-ask") == "Who is on call?"


async def test_a_search_typed_right_after_ctrl_p_lands_in_the_command_palette():
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(pilot.app, "ctrl+p", "new inter")
        await until(pilot, lambda: field(pilot.app, "CommandInput") == "new inter")
        assert isinstance(pilot.app.screen, CommandPalette)
        assert field(pilot.app, "CommandInput") == "new inter"


async def test_keys_held_for_a_slow_screen_arrive_once_it_is_up(monkeypatch):
    """A machine under load: the chat takes its time to appear; the keys typed meanwhile wait for it."""
    slow_mount = ChatScreen.on_mount

    async def on_mount(self) -> None:
        await asyncio.sleep(0.4)
        slow_mount(self)

    monkeypatch.setattr(ChatScreen, "on_mount", on_mount)
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(pilot.app, "n", "Acme", "ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChatScreen))
        burst(pilot.app, "typed while it opened")
        await until(pilot, lambda: field(pilot.app, "#note", TextArea) == "typed while it opened")
        assert field(pilot.app, "#note", TextArea) == "typed while it opened"


# -- the home screen's other keys still do what they did


def two_saved_interviews() -> list[str]:
    catalogue = load_catalogue()
    ids = []
    for company in ("Acme", "Globex"):
        interview = start_interview(catalogue.bank, company=company, minutes=20)
        Store().save(interview)
        ids.append(interview.id)
    return ids


async def test_home_keys_typed_in_one_go_still_mark_and_compare():
    two_saved_interviews()
    async with make_app().run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: pilot.app.screen.query_one(DataTable).row_count == 2)
        burst(pilot.app, "space", "down", "space", "c")
        await until(pilot, lambda: isinstance(pilot.app.screen, CompareScreen))
        assert isinstance(pilot.app.screen, CompareScreen)


async def test_home_keys_typed_in_one_go_still_delete_and_cancel():
    ids = two_saved_interviews()
    async with make_app().run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: pilot.app.screen.query_one(DataTable).row_count == 2)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        first = home.selected_id()
        (kept,) = set(ids) - {first}
        burst(pilot.app, "d", "y")  # delete the selected one, yes
        await until(pilot, lambda: home.query_one(DataTable).row_count == 1)
        assert pilot.app.screen is home
        assert [row.id for row in Store().rows()] == [kept]
        burst(pilot.app, "d", "n")  # and no: the other stays
        await until(pilot, lambda: pilot.app.screen is home)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert [row.id for row in Store().rows()] == [kept]
        burst(pilot.app, "n", "escape", "space")  # the form opens and closes; Space marks on home again
        await until(pilot, lambda: pilot.app.screen is home and home.marked == [kept])
        assert pilot.app.screen is home and home.marked == [kept]
