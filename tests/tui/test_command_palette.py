"""Key mashing in the command palette never crashes (Textual's option list, empty)."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.tui.test_journey import start_interview, type_text

KEYS = ["pageup", "pagedown", "home", "end", "up", "down", "pagedown", "pageup", "enter"]


@pytest.mark.parametrize("in_chat", [False, True])
async def test_paging_through_a_palette_with_no_matches(make_app, in_chat):
    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        if in_chat:
            await start_interview(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "zzqqxx")  # matches nothing: the option list is empty
        await pilot.pause(0.3)
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("ctrl+u")  # cleared: every command listed again, then paged through
        await pilot.pause(0.3)
        for key in KEYS[:-1]:
            await pilot.press(key)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
    assert app.return_code in (None, 0)


async def test_paging_while_the_list_has_options_but_no_layout(make_app):
    """The crash itself: options present, the list hidden (no size), Page Down: KeyError 0 in Textual."""
    from textual.command import CommandList

    app = make_app(cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "zzqqxx")
        await pilot.pause(0.3)
        palette = app.screen
        commands = palette.query_one(CommandList)
        assert not commands.scrollable_content_region  # hidden: no matches
        commands.add_options(["one", "two"])  # results arriving before the list is shown again
        commands.highlighted = 0
        for key in ("pagedown", "pageup", "pagedown"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is palette and app._exception is None
