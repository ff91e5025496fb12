"""The TUI and another shell on the same saved interviews: nothing crashes, nothing is lost."""

from __future__ import annotations

from textual.widgets import DataTable

from prepbot.interview import Interview
from prepbot.store import Store
from prepbot.tui.screens.home import HomeScreen
from tests.conftest import run_process


async def test_enter_on_an_interview_deleted_from_another_shell_gives_a_notice_not_a_crash(make_app):
    interview = Interview(company="Acme", question_ids=["au-tech-choice"])
    Store().save(interview)
    async with make_app().run_test() as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.query_one(DataTable).row_count == 1
        deleted = run_process("sessions", "delete", interview.id, "--yes")  # the second shell
        assert deleted.code == 0, deleted.err
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen  # still home, the app running
        assert any("no longer saved" in n.message for n in pilot.app._notifications)
        assert screen.query_one(DataTable).row_count == 0  # the list caught up
        await pilot.press("d")  # delete on the now empty list: nothing happens
        await pilot.pause()
        assert pilot.app.screen is screen


REVIEW = "Nobody reviews code here, you just push to main."


async def _open_chat(pilot):
    from prepbot.tui.screens.chat import ChatScreen

    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChatScreen)
    return pilot.app.screen


def _shell(*args: str, stdin: bytes | None = None):
    result = run_process(*args, stdin=stdin)
    assert result.code == 0, result.err
    return result


async def test_a_tui_save_keeps_what_the_shell_saved_meanwhile(make_app):
    from textual.widgets import TextArea

    from prepbot.tui.screens.dialogs import ImportDialog, NoteDialog

    interview = Interview(company="Acme", question_ids=["au-tech-choice", "au-say-no"])
    Store().save(interview)
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await _open_chat(pilot)
        # Another shell, while the interview is open here:
        _shell("note", interview.id, "Met Dana from the shell")
        _shell("import", interview.id, "-", "--label", "review", stdin=REVIEW.encode())
        _shell("flags", interview.id, "--dismiss", "no-code-review", "--reason", "the old team")

        # A save here (F8, a paste) writes what was done here, and only that.
        await pilot.press("f8")
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#source-text", TextArea).load_text("They deploy on Fridays.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = Store().load(interview.id)
        assert [s.label for s in stored.sources] == ["review", "pasted text"]
        assert stored.corrections["no-code-review"].status == "dismissed"
        assert stored.corrections["no-code-review"].reason == "the old team"
        assert stored.general_note == "Met Dana from the shell"
        assert [s.label for s in chat.interview.sources] == ["review", "pasted text"]  # the screen has it too

        # The general-note dialog shows the shell's note, and the save keeps it.
        await pilot.press("f7")
        dialog = pilot.app.screen
        assert isinstance(dialog, NoteDialog)
        area = dialog.query_one(TextArea)
        assert area.text == "Met Dana from the shell"
        area.insert(" and Lee", area.document.end)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Store().load(interview.id).general_note == "Met Dana from the shell and Lee"

        # A note typed here and the move to the next question (autosave) keep it all too.
        chat.query_one("#note", TextArea).load_text("we pick our own tools")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        chat.save_now()
        stored = Store().load(interview.id)
        assert stored.answers["au-tech-choice"].note == "we pick our own tools"
        assert stored.general_note == "Met Dana from the shell and Lee"
        assert len(stored.sources) == 2 and "no-code-review" in stored.corrections

    listed = _shell("flags", interview.id)
    assert "[dismissed]" in listed.out and "the old team" in listed.out


async def test_a_general_note_changed_in_both_places_keeps_both_and_says_so(make_app):
    from textual.widgets import TextArea

    from prepbot.tui.screens.dialogs import NoteDialog

    interview = Interview(company="Acme", question_ids=["au-tech-choice"], general_note="first")
    Store().save(interview)
    async with make_app().run_test(size=(100, 30)) as pilot:
        await _open_chat(pilot)
        await pilot.press("f7")
        dialog = pilot.app.screen
        assert isinstance(dialog, NoteDialog)
        _shell("note", interview.id, "changed in the shell")  # while the dialog is open
        dialog.query_one(TextArea).load_text("changed in the TUI")
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = Store().load(interview.id).general_note
        assert "changed in the shell" in note and "changed in the TUI" in note
        assert any("another window changed the same general note" in n.message.lower() for n in pilot.app._notifications)
