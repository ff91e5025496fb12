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
