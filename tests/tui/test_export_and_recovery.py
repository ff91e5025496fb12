"""The TUI side of exports and of a damaged database."""

from __future__ import annotations

from textual.widgets import Input, Select

from prepbot import locations
from prepbot.tui.screens.confirm import ConfirmScreen
from prepbot.tui.screens.export import ExportScreen
from prepbot.tui.screens.home import HomeScreen


async def start(pilot, company="Acme <b>&"):
    await pilot.press("n")
    pilot.app.screen.query_one("#company", Input).value = company
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_export_from_the_chat_writes_the_file_and_says_where(make_app, tmp_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("f3")
        assert isinstance(pilot.app.screen, ExportScreen)
        pilot.app.screen.query_one("#export-format", Select).value = "html"
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = tmp_path / "acme-b-report.html"
        assert target.exists() and "Acme &lt;b&gt;&amp;" in target.read_text()
        assert any(f"Saved the report to {target}" in n.message for n in pilot.app._notifications)


async def test_export_asks_before_overwriting(make_app, tmp_path):
    target = tmp_path / "mine.md"
    target.write_text("keep me")
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("f2", "e")
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
        assert target.read_text().startswith("# Interview report: Acme")


# A file name with a format's extension chooses that format, as `prepbot export -o report.html` does.


async def test_a_name_ending_in_html_saves_html(make_app, tmp_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot, "Initech")
        await pilot.press("f3")
        assert isinstance(pilot.app.screen, ExportScreen)
        assert pilot.app.screen.query_one("#export-format", Select).value == "md"
        path = pilot.app.screen.query_one("#export-path", Input)
        path.focus()
        path.value = ""
        await pilot.press(*str(tmp_path / "initech.html"))
        await pilot.pause()
        assert pilot.app.screen.query_one("#export-format", Select).value == "html"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (tmp_path / "initech.html").read_text().lstrip().startswith("<!DOCTYPE html>")


async def test_a_folder_or_an_unknown_extension_keeps_the_chosen_format(make_app, tmp_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot, "Initech")
        await pilot.press("f3")
        screen = pilot.app.screen
        screen.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        screen.query_one("#export-path", Input).value = str(tmp_path / "notes.weird")
        await pilot.pause()
        assert screen.query_one("#export-format", Select).value == "json"
        screen.query_one("#export-path", Input).value = str(tmp_path) + "/"
        await pilot.pause()
        assert screen.query_one("#export-format", Select).value == "json"


async def test_damaged_database_is_moved_aside_and_the_user_told(make_app, private_home):
    locations.database_path().write_bytes(b"definitely not sqlite " * 100)
    async with make_app().run_test() as pilot:
        assert isinstance(pilot.app.screen, HomeScreen)
        messages = [n.message for n in pilot.app._notifications]
        assert any("Your database was damaged. It was moved to" in m for m in messages)
    assert len(list(private_home.glob("prepbot.sqlite3.corrupt-*"))) == 1
