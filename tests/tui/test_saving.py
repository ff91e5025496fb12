"""The chat when saving goes wrong: a full disk, another window, the database deleted under it."""

from __future__ import annotations

import os

import pytest
from textual.widgets import Static, TextArea

from prepbot.store import CONFLICT_MARKER, Store
from prepbot.tui import autosave
from prepbot.tui.autosave import SaveState
from prepbot.tui.screens.home import HomeScreen
from tests.tui.conftest import text_of
from tests.tui.test_journey import start_interview

BIG_NOTE = "They push straight to prod on Fridays and nobody reviews the code. " * 300


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(autosave, "RETRY_SAVE_EVERY", 0.3)


def fill_disk(app) -> None:
    """SQLITE_FULL on every write from now on, like a full disk (the app's own connection)."""
    connection = app.service.store._connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(app) -> None:
    app.service.store._connection.execute("PRAGMA max_page_count = 1073741823")


def stored_note(interview_id: str, question_id: str) -> str:
    answer = Store().load(interview_id).answers.get(question_id)
    return answer.note if answer else ""


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_full_disk_keeps_the_note_says_so_retries_and_saves_when_space_is_freed(make_app):
    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        question = chat.current_question.id
        fill_disk(app)

        chat.query_one("#note", TextArea).insert(BIG_NOTE)
        await pilot.pause(0.8)  # past the autosave delay
        assert chat.query_one("#note", TextArea).text == BIG_NOTE  # still on screen
        said = [m for m in messages(app) if "disk is full" in m]
        assert said == ["The disk is full: your notes are not saved yet. They stay here; prepbot retries every few seconds."]
        assert "The disk is full" in text_of(chat.query_one("#save-status", Static))
        assert stored_note(chat.interview.id, question) == ""

        await pilot.press("x")  # another keystroke: another try, and no second notification
        await pilot.pause(1.0)  # a few retries
        assert len([m for m in messages(app) if "disk is full" in m]) == 1
        assert chat.autosaver.state is SaveState.FAILED  # retrying

        free_disk(app)
        await pilot.pause(0.8)  # the next retry saves it, without a keystroke
        assert stored_note(chat.interview.id, question) == BIG_NOTE + "x"
        assert not chat.query("#save-status") and chat.autosaver.state is SaveState.SAVED and not chat.unsaved
        assert "Your notes are saved now." in messages(app)


async def test_full_disk_notes_under_two_questions_and_leaving_the_chat_lose_nothing(make_app):
    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        interview_id = chat.interview.id
        first, second = chat.interview.question_ids[:2]
        fill_disk(app)

        chat.query_one("#note", TextArea).insert("nobody reviews code " + BIG_NOTE)
        await pilot.press("ctrl+n")  # moving on: the save fails, the note is kept in memory
        chat.query_one("#note", TextArea).insert("on-call is shared " + BIG_NOTE)
        await pilot.pause(0.8)
        await pilot.press("escape")  # leaving the chat with both notes unsaved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [c.interview.id for c in app.unsaved] == [interview_id]
        assert stored_note(interview_id, first) == ""

        free_disk(app)
        await pilot.pause(0.8)
        assert stored_note(interview_id, first) == "nobody reviews code " + BIG_NOTE
        assert stored_note(interview_id, second) == "on-call is shared " + BIG_NOTE
        assert app.unsaved == []


async def test_quitting_with_an_unsaved_note_warns_then_prints_it(make_app):
    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        fill_disk(app)
        chat.query_one("#note", TextArea).insert("they never test \x1b]0;pwned\x07" + BIG_NOTE)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app._exit and app.screen is chat  # warned, not quit
        assert any("press Ctrl+Q again to quit anyway" in m for m in messages(app))
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    printed = str(app._exit_renderables[0]) if app._exit_renderables else ""
    if not printed:  # already printed by the app on exit; rebuild what it printed
        from prepbot.tui.app import unsaved_report

        printed = str(unsaved_report([chat.conversation]))
    assert "these notes could not be saved" in printed
    assert "they never test \\x1b]0;pwned\\x07" in printed and "\x1b" not in printed and "\x07" not in printed


async def test_the_window_that_loses_the_race_shows_both_texts_and_does_not_save_again(make_app):
    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        question = chat.current_question.id
        other = Store()  # a second window on the same database
        theirs = other.load(chat.interview.id)
        theirs.set_note(question, "They deploy daily.")
        other.save_answer(theirs, question)

        chat.query_one("#note", TextArea).insert("On-call is shared.")
        await pilot.pause(0.8)
        merged = f"They deploy daily.\n{CONFLICT_MARKER}\nOn-call is shared."
        editor = chat.query_one("#note", TextArea)
        assert editor.text == merged and chat.conversation.note() == merged
        assert "Another window changed the same note; both texts are kept" in messages(app)
        version = Store().load(chat.interview.id).answers[question].version
        await pilot.pause(1.0)  # reloading the editor is not typing: no second save
        assert chat.autosaver.state is SaveState.SAVED and not chat.autosaver.due()
        assert Store().load(chat.interview.id).answers[question].version == version
        assert Store().load(chat.interview.id).answers[question].note == merged

        await pilot.press("!")  # typing on carries on from the merged text
        await pilot.pause(0.8)
        assert stored_note(chat.interview.id, question) == merged + "!"


async def test_database_deleted_while_running_is_recreated_and_the_user_told(make_app, private_home):
    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot)
        chat = pilot.app.screen
        question = chat.current_question.id
        path = app.service.store.path
        for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if name.exists():
                os.unlink(name)

        chat.query_one("#note", TextArea).insert("Written after the file was deleted.")
        await pilot.pause(0.8)
        said = [m for m in messages(app) if "deleted or replaced" in m]
        assert said == [
            f"The database {path} was deleted or replaced by another program; this interview was saved into a new one there"
        ]
        assert stored_note(chat.interview.id, question) == "Written after the file was deleted."
