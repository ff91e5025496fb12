"""Typing a file name with a format's extension in the export dialog chooses that format, as
`prepbot export -o report.html` does on the command line: a report saved as .html is HTML."""

from __future__ import annotations

from textual.widgets import Input, Select

from prepbot.tui.screens.export import ExportScreen


async def start(pilot, company="Initech"):
    await pilot.press("n")
    pilot.app.screen.query_one("#company", Input).value = company
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_name_ending_in_html_saves_html(make_app, tmp_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await start(pilot)
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
        await start(pilot)
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
