"""The TUI counts a flag heard under two questions once: home list, chat panel, summary."""

from __future__ import annotations

from prepbot.store import Store
from tests.test_counting import twice_heard


async def test_home_chat_panel_and_summary_show_the_same_numbers(make_app, bank):
    from textual.widgets import DataTable, Static

    from tests.tui.conftest import text_of

    interview = twice_heard(bank)
    interview.move_to(2)
    Store().save(interview)
    async with make_app().run_test(size=(120, 40)) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        row = table.get_row(interview.id)
        assert [str(c) for c in row if str(c) in ("0", "1", "2")][:2] == ["1", "1"]  # ✗ Red, ✓ Green

        await pilot.press("enter")
        await pilot.pause()
        heard = text_of(pilot.app.screen.query_one("#all-flags", Static))
        assert heard.count("No code review") == 1 and "(Q1, Q2)" in heard
        assert heard.count("✗ RED") == 1 and heard.count("✓ GREEN") == 1

        await pilot.press("f2")
        await pilot.pause()
        body = text_of(pilot.app.screen.query_one("#summary-body", Static))
        assert "Red flags (1)" in body and "Green flags (1)" in body
        assert "(score -1)" in body
