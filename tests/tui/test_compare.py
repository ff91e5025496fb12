"""The TUI side of comparisons: mark two to four interviews on home, C compares, E exports."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, Static

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import Store
from prepbot.tui.screens.compare import CompareScreen, ComparisonExportScreen
from prepbot.tui.screens.confirm import ConfirmScreen
from prepbot.tui.screens.home import HomeScreen
from tests.tui.conftest import text_of

SIZES = [(80, 24), (120, 40)]


def saved_pair():
    """Two interviews, saved so that home lists Globex first (the most recently changed)."""
    bank = load_catalogue().bank
    acme = start_interview(bank, "Acme <script>[bold]Corp[/]", "Backend 🙈", "2026-12-01", "engineer", 20)
    acme.set_note(acme.question_ids[0], "Nobody reviews code, people push straight to prod.")
    acme.set_note(acme.question_ids[1], "Nobody reviews code here either. Every bug is triaged in Jira.")
    acme.id, acme.updated_at = "acme00000001", "2026-12-01T10:00:00+00:00"
    globex = start_interview(bank, "Globex", "Platform", "2026-12-03", "manager", 15)
    globex.set_note(globex.question_ids[0], "Every PR needs an approval. Standups take 45 minutes.")
    globex.id, globex.updated_at = "globex000001", "2026-12-03T10:00:00+00:00"
    store = Store()
    store.save(acme)
    store.save(globex)
    return acme, globex


async def mark_both_and_compare(pilot):
    await pilot.press("space", "down", "space", "c")
    await pilot.pause()


async def test_mark_compare_and_read_the_cells(make_app):
    acme, globex = saved_pair()
    async with make_app().run_test(size=(120, 40)) as pilot:
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("c")  # nothing marked: told what to do, no comparison
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert any("Mark 2 to 4 interviews with Space" in n.message for n in pilot.app._notifications)

        await pilot.press("space")
        table = home.query_one(DataTable)
        first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert str(table.get_cell(first, "mark")) == "✓"
        await pilot.press("space")  # unmark
        assert str(table.get_cell(first, "mark")) == ""
        await mark_both_and_compare(pilot)

        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        assert [c.company for c in screen.comparison.columns] == ["Globex", acme.company]  # the order marked
        grid = screen.query_one(DataTable)
        assert str(grid.get_cell("no-code-review", acme.id)).startswith("✗ RED")
        assert str(grid.get_cell("no-code-review", globex.id)) == "· not heard"
        assert str(grid.get_cell("long-standups", acme.id)) == "– not asked"
        assert str(grid.get_cell("code-review-required", globex.id)).startswith("✓ GREEN")
        assert "<script>[bold]Corp[/]" in text_of(screen.query_one("#compare-title", Static))

        # The highlighted cell's quotes, and what to ask next there.
        grid.move_cursor(row=grid.get_row_index("no-code-review"), column=2)
        await pilot.pause()
        detail = text_of(screen.query_one("#compare-detail", Static))
        assert "“Nobody reviews code”" in detail and "Ask next at Acme" in detail

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_at_most_four_can_be_marked(make_app):
    bank = load_catalogue().bank
    for n in range(5):
        Store().save(start_interview(bank, f"Company {n}", "", "2026-12-01", None, 10))
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "down", "space", "down", "space", "down", "space", "down", "space")
        await pilot.pause()
        assert len(pilot.app.screen.marked) == 4
        assert any("at most 4" in n.message for n in pilot.app._notifications)


async def test_export_the_comparison_and_ask_before_overwriting(make_app, tmp_path):
    saved_pair()
    async with make_app().run_test(size=(100, 30)) as pilot:
        await mark_both_and_compare(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ComparisonExportScreen)
        assert pilot.app.screen.query_one("#export-path", Input).value.endswith("globex-vs-acme-script-bold-corp-comparison.md")
        pilot.app.screen.query_one("#export-format", Select).value = "html"
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = tmp_path / "globex-vs-acme-script-bold-corp-comparison.html"
        assert target.exists() and "&lt;script&gt;" in target.read_text()
        assert isinstance(pilot.app.screen, CompareScreen)
        assert any(f"Saved the comparison to {target}" in n.message for n in pilot.app._notifications)

        target.write_text("keep me")
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#export-format", Select).value = "html"
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "keep me"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("size", SIZES)
def test_home_with_marks_snapshot(snap_compare, make_app, size):
    saved_pair()
    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, press=["space", "down", "space"])


@pytest.mark.parametrize("size", SIZES)
def test_compare_snapshot(snap_compare, make_app, size):
    saved_pair()
    assert snap_compare(make_app(cursor_blink=False), terminal_size=size, run_before=mark_both_and_compare)
