from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.store import Store


@pytest.fixture
def make_app():
    from prepbot.tui.app import PrepbotApp

    def make(cursor_blink: bool = True, use_model: bool = False):
        """The app on a fresh store. The classifier is off unless asked for: a worker thread's
        timing must not decide what a snapshot or an exact assertion sees."""
        from prepbot.service import Service

        return PrepbotApp(Service(load_catalogue(), Store(), use_model=use_model), cursor_blink=cursor_blink)

    return make


def text_of(widget) -> str:
    """The plain text a Static shows (its Content, without styles)."""
    return str(widget.visual)


async def open_chat_with_every_question(pilot):
    """From the home screen: a new interview at Acme with no time box (every question), its chat shown."""
    from textual.widgets import Input

    from prepbot.tui.screens.chat import ChatScreen

    await pilot.press("n")
    pilot.app.screen.query_one("#company", Input).value = "Acme"
    pilot.app.screen.query_one("#minutes", Input).value = ""
    await pilot.press("ctrl+s")
    await pilot.pause()
    chat = pilot.app.screen
    assert isinstance(chat, ChatScreen)
    return chat
